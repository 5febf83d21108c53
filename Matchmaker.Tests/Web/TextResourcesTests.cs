using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using Matchmaker.Api.Web;
using Matchmaker.Api.Web.Shared;
using Matchmaker.Model.Domain;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Matchmaker.Tests.Web;

/// <summary>The web app's strings: every English string has its Korean one, and the ranking's reasons read in Korean.</summary>
public sealed class TextResourcesTests
{
    private static Dictionary<string, string> Strings(string culture)
    {
        var manager = new ResourceManager("Matchmaker.Api.Web.Text", typeof(Text).Assembly);
        var set = manager.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {culture} resources.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Fact]
    public void Korean_has_every_string_English_has_and_no_other()
    {
        var english = Strings(CultureInfo.InvariantCulture.Name);
        // The service's phrases have their English in the code (Phrases); only their Korean lives here.
        var korean = Strings("ko").Where(pair => !pair.Key.StartsWith(SaysPrefix, StringComparison.Ordinal)).ToDictionary();
        Assert.Empty(english.Keys.Except(korean.Keys));
        Assert.Empty(korean.Keys.Except(english.Keys));
        Assert.All(korean, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), pair.Key));
        // Placeholders survive translation.
        Assert.All(english, pair => Assert.Equal(Placeholders(pair.Value), Placeholders(korean[pair.Key])));
    }

    private const string SaysPrefix = "says.";

    private static IReadOnlyList<Phrase> EveryPhrase() =>
        typeof(Phrases).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (Phrase)f.GetValue(null)!).ToList();

    [Fact]
    public void Every_phrase_the_service_says_has_its_Korean_with_the_same_values_and_no_other()
    {
        var phrases = EveryPhrase();
        var korean = Strings("ko").Where(pair => pair.Key.StartsWith(SaysPrefix, StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key[SaysPrefix.Length..], pair => pair.Value);
        Assert.Equal(phrases.Count, phrases.Select(p => p.Code).Distinct().Count());
        Assert.Empty(phrases.Select(p => p.Code).Except(korean.Keys));
        Assert.Empty(korean.Keys.Except(phrases.Select(p => p.Code)));
        Assert.All(phrases, phrase => Assert.Equal(Placeholders(phrase.Template), Placeholders(korean[phrase.Code])));
        // Every template formats (braces that are text are doubled).
        Assert.All(phrases, phrase => Assert.NotEmpty(phrase.With(Enumerable.Range(0, 5).Cast<object>().ToArray()).English));
    }

    [Fact]
    public void A_message_reads_in_Korean_with_its_values_kept_as_data_and_a_side_translated()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko");
        try
        {
            var localizer = new StringLocalizer<Text>(
                new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
            var parts = MessageText.Localize(Phrases.AlreadyAbsent.With("startup", "s1.d1"), localizer);
            Assert.NotNull(parts);
            Assert.Equal("미팅 's1.d1'의 스타트업 측은 이미 불참으로 보고되었습니다.", string.Concat(parts.Select(p => p.Text)));
            Assert.Equal(["s1.d1"], parts.Where(p => p.IsValue).Select(p => p.Text));
            // What only a program sends stays in English.
            Assert.Null(MessageText.Localize(Phrases.Plain("must be 1 or more."), localizer));
            Assert.Equal("연락 이메일 (미팅이 확정된 뒤 공개)", MessageText.FieldLabel("profile.ContactEmail", localizer));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Order());

    [Theory]
    [InlineData("shares your sectors: hardware, semiconductor", "같은 분야: 하드웨어, 반도체")]
    [InlineData("based near you (Korea)", "내 근처 (Korea)")]
    [InlineData("looks for seed startups", "시드 단계 스타트업을 찾음")]
    [InlineData("offers or seeks investment, proof-of-concept, which you seek", "투자, 기술 검증(PoC)을(를) 제공하거나 찾음, 내가 찾는 것")]
    [InlineData("games video startups often go with your interests", "게임·영상 스타트업은 내 관심사와 자주 맞음")]
    public void A_ranking_reason_reads_in_Korean_with_its_values_kept(string reason, string korean)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ko");
        try
        {
            var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
            var localizer = new StringLocalizer<Text>(factory);
            var parts = ReasonText.Localize(reason, localizer);
            Assert.NotNull(parts);
            Assert.Equal(korean, string.Concat(parts.Select(p => p.Text)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_reason_of_an_unknown_shape_is_left_as_written() =>
        Assert.Null(ReasonText.Localize("something new", new StringLocalizer<Text>(
            new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance))));
}
