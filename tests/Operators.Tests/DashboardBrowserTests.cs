using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shop.Operators.Tests.Browser;
using Shop.Operators.Tests.Fixtures;

namespace Shop.Operators.Tests;

/// <summary>The Orleans dashboard as an operator opens it: in a real browser, behind the operator's credentials.</summary>
[Collection(OperatorsCollection.Name)]
public sealed partial class DashboardBrowserTests(OperatorsSystem system)
{
    /// <summary>
    /// A name the browser resolves to loopback. Browsers treat 127.0.0.1 and localhost as secure and exempt them from
    /// parts of the content security policy; an operator reaches the management port by a host name, so the test does.
    /// </summary>
    private const string ManagementHost = "management.shop.test";

    private static readonly PageAssertionsToHaveURLOptions Patiently = new() { Timeout = 15_000 };

    private Uri Dashboard => new($"http://{ManagementHost}:{system.WebFrontManagement.Port}/dashboard/");

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/index.min.js")]
    [InlineData("/dashboard/ClusterStats")]
    [InlineData("/dashboard/GrainTypes")]
    [InlineData("/dashboard/Trace")]
    [InlineData("/dashboard/no/such/thing")]
    public async Task Without_credentials_every_dashboard_path_answers_401_with_a_Basic_challenge(string path)
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(system.WebFrontManagement, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
    }

    [Fact]
    public async Task A_browser_without_credentials_gets_401_and_no_dashboard()
    {
        await using var session = await LaunchAsync();
        var page = await session.Browser.NewPageAsync();
        var answer = page.WaitForResponseAsync(Dashboard.ToString());

        // Chromium gives up on a Basic challenge it has no credentials for; the 401 is what the server said.
        var navigation = await Assert.ThrowsAsync<PlaywrightException>(() => page.GotoAsync(Dashboard.ToString()));
        var response = await answer;

        Assert.Contains("ERR_INVALID_AUTH_CREDENTIALS", navigation.Message, StringComparison.Ordinal);
        Assert.Equal(401, response.Status);
        Assert.Contains("Basic realm=", await response.HeaderValueAsync("www-authenticate") ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Orleans Dashboard", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_sees_the_silo_and_the_user_grain_type_in_a_real_browser()
    {
        using var api = system.CreateApiClient();
        await ShopApi.CreateUserAsync(api);
        await ShopApi.CreateUserAsync(api);
        await using var session = await LaunchAsync();
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = OperatorsSystem.OperatorEmail, Password = OperatorsSystem.OperatorPassword },
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // Blocked scripts, styles or fetches (CSP violations included) are console errors. Chromium also reports,
            // as an error, that it ignores Cross-Origin-Opener-Policy on plain HTTP: true, and harmless here.
            if (message.Type == "error" && !message.Text.StartsWith("The Cross-Origin-Opener-Policy header has been ignored", StringComparison.Ordinal))
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        var response = await page.GotoAsync(Dashboard.ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);

        await page.GetByRole(AriaRole.Link, new() { Name = "Silos", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SilosPage(), Patiently);
        var silo = page.Locator("#content").GetByText(new Regex($"^127\\.0\\.0\\.1:{system.SiloPort}@\\d+"));
        await Assertions.Expect(silo.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactDirectory.Path, "dashboard-silos.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Grains", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(GrainsPage(), Patiently);
        var userGrain = page.Locator("#content td").Filter(new() { HasTextRegex = UserGrainCell() });
        await Assertions.Expect(userGrain.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactDirectory.Path, "dashboard-grains.png"), FullPage = true });

        Assert.Empty(problems);
    }

    private Task<BrowserSession> LaunchAsync() =>
        BrowserSession.LaunchAsync($"--host-resolver-rules=MAP {ManagementHost} 127.0.0.1");

    [GeneratedRegex("#/silos$")]
    private static partial Regex SilosPage();

    [GeneratedRegex("#/grains$")]
    private static partial Regex GrainsPage();

    [GeneratedRegex(@"^\s*UserGrain\s*$")]
    private static partial Regex UserGrainCell();
}
