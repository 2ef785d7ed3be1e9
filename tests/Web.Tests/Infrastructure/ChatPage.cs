using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Infrastructure;

/// <summary>
/// One person using the web client in a browser context of their own, driven the way they would drive it:
/// by labels, button names and what is on the screen. Disposing saves a last screenshot, pass or fail.
/// </summary>
public sealed class ChatPage : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();
    private readonly string _artifactName;

    public ChatPage(IBrowserContext context, IPage page, string username, string artifactName)
    {
        Context = context;
        Page = page;
        Username = username;
        _artifactName = artifactName;
        page.PageError += (_, error) => _errors.Enqueue(error);
        page.Console += (_, message) =>
        {
            // A 401 is how the page learns that it has no session yet; anything else logged as an error is a fault.
            if (message.Type == "error" && !message.Text.Contains("status of 401", StringComparison.Ordinal))
            {
                _errors.Enqueue(message.Text);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Username { get; }

    /// <summary>Uncaught exceptions and console errors of the page (Content-Security-Policy violations among them).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public string Password => ApiSeeder.Password;

    /// <summary>The sidebar shows who is logged in once the main view is up.</summary>
    public ILocator SignedInName => Page.Locator(".sidebar .me-name");

    public ILocator LoginHeading => Page.GetByRole(AriaRole.Heading, new() { Name = "Welcome back" });

    public ILocator LiveStatus => Page.Locator(".live-status");

    public ILocator OpenConversationTitle => Page.Locator(".conversation-header h2");

    public ILocator MessagesScroller => Page.Locator(".messages-scroller");

    /// <summary>Delivered messages in the open conversation (not the ones still being sent).</summary>
    public ILocator Messages => Page.Locator("ol.messages li.message:not(.pending)");

    public async Task GoHomeAsync()
    {
        await Page.GotoAsync("/");
        await Expect(Page.Locator(".splash")).ToHaveCountAsync(0);
    }

    public async Task RegisterAsync()
    {
        await GoHomeAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await Page.GetByLabel("Username", new() { Exact = true }).FillAsync(Username);
        await Page.GetByLabel("Email").FillAsync($"{Username}@example.com");
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(SignedInName).ToHaveTextAsync(Username);
    }

    public async Task LoginAsync(string? password = null)
    {
        await GoHomeAsync();
        await Page.GetByLabel("Username or email").FillAsync(Username);
        await Page.GetByLabel("Password").FillAsync(password ?? Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        if (password is null)
        {
            await Expect(SignedInName).ToHaveTextAsync(Username);
        }
    }

    /// <summary>The list entry of the conversation called <paramref name="name"/> (its title, or the other people's names).</summary>
    public ILocator Conversation(string name) =>
        Page.Locator("a.conversation-item").Filter(new() { Has = Page.Locator(".item-name", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(name)}$") }) });

    public ILocator UnreadBadge(string name) => Conversation(name).Locator(".badge");

    public async Task StartConversationWithAsync(string username, string? title = null)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "New conversation" });
        await dialog.GetByLabel("Username").FillAsync(username);
        if (title is not null)
        {
            await dialog.GetByLabel("Title").FillAsync(title);
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start conversation" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(OpenConversationTitle).ToHaveTextAsync(title ?? username);
    }

    public async Task OpenAsync(string name)
    {
        await Conversation(name).ClickAsync();
        await Expect(OpenConversationTitle).ToHaveTextAsync(name);
    }

    /// <summary>Types <paramref name="text"/> in the send box and presses Enter.</summary>
    public async Task SendAsync(string text)
    {
        var box = Page.GetByLabel("Message", new() { Exact = true });
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    /// <summary>A delivered message of the open conversation, by its exact text.</summary>
    public ILocator Message(string text) =>
        Messages.Filter(new() { Has = Page.Locator(".body", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(text)}$") }) });

    public Task ScreenshotAsync(string step) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(WebFixture.ArtifactsDirectory, $"{_artifactName}-{step}.png") });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScreenshotAsync("last");
        }
        catch (PlaywrightException)
        {
            // The page is gone (the browser crashed); the test's own failure says why.
        }

        await Context.DisposeAsync();
    }
}
