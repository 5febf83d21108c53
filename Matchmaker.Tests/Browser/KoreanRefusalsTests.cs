using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Matchmaker.Tests.Browser.WebScenario;

namespace Matchmaker.Tests.Browser;

/// <summary>
/// What a Korean reader typed wrong or asked too late is explained in Korean: a bad profile field, a bad participants
/// file, an answer to a request that was withdrawn meanwhile.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class KoreanRefusalsTests(BrowserHost host)
{
    [Fact]
    public async Task A_profile_with_a_bad_email_is_refused_in_Korean_naming_the_field_and_the_value()
    {
        var shots = new Screenshots(nameof(A_profile_with_a_bad_email_is_refused_in_Korean_naming_the_field_and_the_value));
        await using var e = await host.NewEventAsync();
        await AddAsync(e);
        var startup = await host.NewPageAsync(locale: "ko-KR");
        await SignInAsync(startup, e, "s1");
        await startup.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await startup.GotoAsync("/profile");
        await startup.GetByLabel("연락 이메일 (미팅이 확정된 뒤 공개)").FillAsync("scout@localhost");
        await startup.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();

        var alert = startup.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("연락 이메일 (미팅이 확정된 뒤 공개): 'scout@localhost'은(는) 이메일 주소가 아닙니다.");
        Assert.Empty(EnglishWords(await ReadableTextAsync(alert)));
        await shots.TakeAsync(startup, "profile-refused-ko");
        // (An address the browser itself accepts, so the service is the one refusing it.) Nothing was stored: the profile still has its old address.
        await startup.GotoAsync("/profile");
        Assert.NotEqual("scout@localhost", await startup.GetByLabel("연락 이메일 (미팅이 확정된 뒤 공개)").InputValueAsync());
    }

    [Fact]
    public async Task Every_bad_row_of_an_import_is_explained_in_Korean()
    {
        var shots = new Screenshots(nameof(Every_bad_row_of_an_import_is_explained_in_Korean));
        await using var e = await host.NewEventAsync();
        var organiser = await host.NewPageAsync();
        await SignInOrganiserAsync(organiser, e);
        await organiser.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await organiser.GotoAsync("/organiser/import");
        await organiser.GetByLabel("또는 CSV를 여기에 붙여 넣기").FillAsync(
            "kind,id,name,sectors,stage,country,seeks,availability\n" +
            "startup,bad-one,Bad Co,toys,seed,KOR,investment,\n" +
            "startup,bad-two,Worse Co,hardware,unicorn,KOREA,investment,0-9999\n" +
            "partner,bad-three,Odd Co,hardware,seed,KOR,investment,\n");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "가져오기" }).ClickAsync();

        var table = organiser.Locator("table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(table).ToContainTextAsync("'toys'은(는) 알 수 없는 값입니다.");
        await Assertions.Expect(table).ToContainTextAsync("'KOREA'은(는) KOR, USA 같은 ISO 3166 세 글자 국가 코드가 아닙니다.");
        await Assertions.Expect(table).ToContainTextAsync("'0-9999'은(는) 행사 밖입니다");
        await Assertions.Expect(table).ToContainTextAsync("'partner'은(는) 참가자 종류가 아닙니다.");
        // The values, columns and codes are data (marked translate="no"); every other word is Korean.
        Assert.Empty(EnglishWords(await ReadableTextAsync(table.Locator("tbody"))).Except(["CSV", "ISO", "KOR", "USA", "startup", "delegate"]));
        await shots.TakeAsync(organiser, "import-refused-ko");
    }

    [Fact]
    public async Task Declining_a_request_withdrawn_meanwhile_in_another_tab_is_explained_in_Korean()
    {
        var shots = new Screenshots(nameof(Declining_a_request_withdrawn_meanwhile_in_another_tab_is_explained_in_Korean));
        await using var e = await host.NewEventAsync();
        await AddAsync(e);
        (await e.As("s1").PostAsJsonAsync(e.Url("/requests"), new { startupId = "s1", delegateId = "d1" })).EnsureSuccessStatusCode();
        var scout = await host.NewPageAsync(locale: "ko-KR");
        await SignInAsync(scout, e, "d1");
        await scout.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await scout.GotoAsync("/requests");
        // The startup withdraws its request while the scout's page still offers to answer it.
        (await e.As("s1").PostAsync(e.Url("/requests/s1.d1/cancel"), null)).EnsureSuccessStatusCode();

        await ById(scout, "r-s1.d1").GetByRole(AriaRole.Button, new() { Name = "거절" }).ClickAsync();
        await Assertions.Expect(scout.GetByRole(AriaRole.Alert)).ToHaveTextAsync("이미 답변되었거나 취소된 요청이라 더 이상 그렇게 할 수 없습니다.");
        // The page shows the request as it is now: withdrawn, with nothing left to answer.
        await Assertions.Expect(scout.Locator("section[aria-labelledby='toanswer'] li")).ToHaveCountAsync(0);
        await shots.TakeAsync(scout, "stale-decline-ko");
    }

    private static IReadOnlyList<string> EnglishWords(string text) => Word().Matches(text).Select(m => m.Value).Distinct().ToList();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Word();
}
