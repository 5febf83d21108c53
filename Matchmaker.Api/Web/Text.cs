namespace Matchmaker.Api.Web;

/// <summary>The web app's strings: Text.resx (English) and Text.ko.resx (Korean), read through IStringLocalizer&lt;Text&gt;.</summary>
public sealed class Text;
