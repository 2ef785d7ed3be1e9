using Microsoft.Playwright;

namespace Web.Tests.Infrastructure;

/// <summary>
/// One gateway process and one headless Chromium for a test collection. Each simulated person gets a browser
/// context of their own (own cookies, own memory), as two people on two machines would.
/// </summary>
public class WebFixture : IAsyncLifetime
{
    /// <summary>How long a step may take before the test fails: short, everything runs on loopback.</summary>
    public const float StepTimeoutMs = 5_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private GatewayProcess? _gateway;

    public GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("The fixture is not initialized.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Where screenshots go: artifacts/ beside the test assembly (tests/Web.Tests/bin/{Configuration}/net10.0/artifacts).</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    /// <summary>Gateway settings on top of the test defaults; a subclass gives its own.</summary>
    protected virtual IReadOnlyDictionary<string, string> GatewaySettings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var chromium = SystemChromium.ExecutablePath();
        _gateway = await GatewayProcess.StartAsync(GatewaySettings);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Timeout = 30_000,
        });
        Assertions.SetDefaultExpectTimeout(StepTimeoutMs);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    /// <summary>A new person at the gateway's page, in a browser context of their own.</summary>
    public async Task<ChatPage> NewPersonAsync(string name, string test)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        var page = await context.NewPageAsync();
        return new ChatPage(context, page, ApiSeeder.UniqueName(name), $"{test}-{name}");
    }
}
