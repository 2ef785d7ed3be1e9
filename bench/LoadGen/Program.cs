using LoadGen;

// An open-loop load generator for the messaging API: see Options.Usage and bench/README.md.
Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = 512,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
})
{
    BaseAddress = options.BaseUrl,
    Timeout = TimeSpan.FromSeconds(30),
};

var users = await Seeding.SeedAsync(http, options);
Console.Error.WriteLine($"# seeded {users.Count} users, {options.SeedConversations} conversations, {options.SeedMessages} messages each");
if (options.Scenario is "streams" or "fanout")
{
    var events = options.Scenario == "streams" ? await EventScenarios.StreamsAsync(options, users) : await EventScenarios.FanOutAsync(options, users);
    Console.WriteLine(events.ToLine());
    if (options.JsonPath is { } eventsPath)
    {
        await File.WriteAllTextAsync(eventsPath, events.ToJson());
    }

    return events.Errors == 0 && events.MissingDeliveries == 0 ? 0 : 1;
}

var loop = new OpenLoop(http, options, users);
if (options.Warmup > TimeSpan.Zero)
{
    await loop.RunAsync(options.Warmup, record: false);
}

PhaseResult measured;
Report report;
if (options.ServerPid is { } pid)
{
    await using var sampler = new ServerSampler(pid);
    measured = await loop.RunAsync(options.Duration, record: true);
    report = Report.From(options, measured, sampler);
}
else
{
    measured = await loop.RunAsync(options.Duration, record: true);
    report = Report.From(options, measured, null);
}

Console.WriteLine(report.ToLine());
if (options.JsonPath is { } path)
{
    await File.WriteAllTextAsync(path, report.ToJson());
}

return report.Errors == 0 && report.NotSent == 0 ? 0 : 1;
