namespace Matchmaker.Model.Domain;

/// <summary>
/// Every sentence a person can meet in the web app when the service refuses what they typed or asked. Each has a
/// Korean twin in the web app's resources under <c>says.</c> and its code (a test holds the two lists together).
/// A field's sentence follows the field's name ("Name is required.").
/// </summary>
public static class Phrases
{
    // Any field.
    public static readonly Phrase Required = new("required", "is required.");
    public static readonly Phrase TooLong = new("too-long", "must be at most {0} characters (was {1}).");
    public static readonly Phrase TooManyValues = new("too-many-values", "may list at most {0} values (had {1}).");
    public static readonly Phrase NeedsValue = new("needs-value", "needs at least one value.");
    public static readonly Phrase NullInList = new("null-in-list", "lists null; use a value from the list.");
    public static readonly Phrase UnknownValueOf = new("unknown-value-of", "'{0}' is not a known value; use one of: {1}.");
    public static readonly Phrase UnknownValue = new("unknown-value", "'{0}' is not a known value.");
    public static readonly Phrase ValueTwice = new("value-twice", "lists a value twice.");
    public static readonly Phrase OutOfRange = new("out-of-range", "must be between {0} and {1} (was {2}).");
    public static readonly Phrase Negative = new("negative", "must not be negative.");

    // Profiles.
    public static readonly Phrase CountryRequired = new("country-required", "is required (an ISO 3166 alpha-3 code such as KOR or USA).");
    public static readonly Phrase NotCountry = new("not-country", "'{0}' is not an ISO 3166 alpha-3 country code such as KOR or USA.");
    public static readonly Phrase NotWebAddress = new("not-web-address", "'{0}' is not an http(s) address.");
    public static readonly Phrase NotLanguage = new("not-language", "'{0}' is not a language notices are written in; use {1}.");
    public static readonly Phrase NotEmail = new("not-email", "'{0}' is not an e-mail address.");
    public static readonly Phrase SlotOutside = new("slot-outside", "slot {0} is outside the event (slots are 0 to {1}).");
    public static readonly Phrase SlotTwice = new("slot-twice", "lists a slot twice.");

    // The event's setup.
    public static readonly Phrase TimeZoneRequired = new("time-zone-required", "is required (an IANA name such as Asia/Seoul).");
    public static readonly Phrase UnknownTimeZone = new("unknown-time-zone", "'{0}' is not a known time zone; use an IANA name such as Asia/Seoul.");
    public static readonly Phrase NeedsDay = new("needs-day", "needs at least one day.");
    public static readonly Phrase TooManyDays = new("too-many-days", "must be at most {0} days (was {1}).");
    public static readonly Phrase DayTwice = new("day-twice", "lists a day twice.");
    public static readonly Phrase EndBeforeStart = new("end-before-start", "must be after dailyStart.");
    public static readonly Phrase UnknownConfirmation = new("unknown-confirmation", "must be both, scout-only or auto.");
    public static readonly Phrase NullBreak = new("null-break", "lists null; each break is {{\"start\": \"12:00\", \"end\": \"13:00\"}}.");
    public static readonly Phrase BreakOutside = new("break-outside", "{0}-{1} must end after it starts and lie within the day.");
    public static readonly Phrase NoSlotInDay = new("no-slot-in-day", "leaves no meeting slot in the day; shorten the slots or widen the day.");
    public static readonly Phrase WouldMoveMeetings = new("would-move-meetings",
        "The change would move {0} published meeting(s), e.g. {1}. Keep the days, hours, slot length, breaks and tables that published meetings use, or add days after them.");

    // Meetings.
    public static readonly Phrase RatingRequired = new("rating-required", "is required unless the meeting was a no-show.");
    public static readonly Phrase NoShowRated = new("no-show-rated", "a no-show cannot also be rated.");
    public static readonly Phrase FeedbackNotYet = new("feedback-not-yet", "Meeting '{0}' starts at {1}; feedback opens then.");
    public static readonly Phrase NotConfirmedMeeting = new("not-confirmed-meeting", "Meeting '{0}' is not a confirmed meeting, so nobody was expected at it.");

    public static readonly Phrase WouldRemoveSlots = new("would-remove-slots",
        "would remove meeting slots from an event that already has participants; add days or slots instead.");

    // The show floor.
    public static readonly Phrase NoSuchOffer = new("no-such-offer", "There is no offer '{0}'.");
    public static readonly Phrase OfferNotYours = new("offer-not-yours", "Offer '{0}' was not made to '{1}'.");
    public static readonly Phrase OfferTaken = new("offer-taken", "Another startup took this slot first.");
    public static readonly Phrase OfferExpired = new("offer-expired", "The offer expired at {0}.");
    public static readonly Phrase AlreadyAbsent = new("already-absent", "The {0} of meeting '{1}' was already reported absent.");
    public static readonly Phrase NoShowTooEarly = new("no-show-too-early",
        "A no-show can be reported from {0} minutes after the meeting starts ({1} UTC).");
    public static readonly Phrase CheckedIn = new("checked-in", "The {0} of meeting '{1}' checked in, so it is not a no-show.");

    // Sign-in links.
    public static readonly Phrase NoContactEmail = new("no-contact-email",
        "The {0} has no contact email: add one to its profile, or issue a link and pass it on yourself.");
    public static readonly Phrase NoMailServer = new("no-mail-server", "No mail server is configured (Mail:Host): issue a link and pass it on yourself.");

    // The participants file (CSV).
    public static readonly Phrase CsvEmpty = new("csv-empty", "the file is empty; the first line must name the columns.");
    public static readonly Phrase CsvMissingColumn = new("csv-missing-column", "the header lacks the required column '{0}'.");
    public static readonly Phrase CsvUnknownColumn = new("csv-unknown-column", "'{0}' is not a known column; known columns: {1}.");
    public static readonly Phrase CsvTooManyRows = new("csv-too-many-rows", "the file has more than {0} rows; split it.");
    public static readonly Phrase CsvFieldCount = new("csv-field-count", "has {0} fields but the header names {1} columns.");
    public static readonly Phrase CsvInvalidId = new("csv-invalid-id", "'{0}' is not a valid id: 1 to {1} lower-case letters, digits, '-' or '_'.");
    public static readonly Phrase CsvIdTwice = new("csv-id-twice", "'{0}' appears twice (first on line {1}).");
    public static readonly Phrase CsvUnknownKind = new("csv-unknown-kind", "'{0}' is not a kind of participant; use startup or delegate.");
    public static readonly Phrase CsvNotWholeNumber = new("csv-not-whole-number", "'{0}' is not a whole number.");
    public static readonly Phrase CsvNotSlots = new("csv-not-slots", "'{0}' is not a slot number or a range such as 0-15.");
    public static readonly Phrase CsvSlotsOutside = new("csv-slots-outside", "'{0}' is outside the event (slots are 0 to {1}).");
    public static readonly Phrase CsvMalformed = new("csv-malformed", "the file is not well-formed CSV: {0}");

    /// <summary>What only a program can send (an id in an address, a paging limit): said in English only.</summary>
    public static Message Plain(string english) => new("", english.Replace("{", "{{").Replace("}", "}}"), []);
}
