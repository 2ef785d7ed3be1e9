using System.Net;

namespace Silo;

/// <summary>
/// The Orleans Dashboard shows every grain type, silo and call rate, and can be read by anyone who reaches
/// it: by default only loopback callers (an operator on the machine, or a port-forward) may open it.
/// "Dashboard:AllowedNetworks" (CIDR, e.g. 10.0.0.0/8) lets a trusted network in as well.
/// </summary>
internal sealed class DashboardAccess : IMiddleware
{
    public const string SectionName = "Dashboard";

    public const string Path = "/dashboard";

    private readonly System.Net.IPNetwork[] _allowed;

    public DashboardAccess(IConfiguration configuration)
    {
        var networks = configuration.GetSection($"{SectionName}:AllowedNetworks").Get<string[]>() ?? [];
        _allowed = [.. networks.Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw new InvalidOperationException($"Dashboard:AllowedNetworks has '{n}', which is not a CIDR network."))];
    }

    /// <summary>Answers 404 to a dashboard request from anywhere else, as if it were not there.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(Path) && !IsAllowed(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    }

    private bool IsAllowed(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IPAddress.IsLoopback(address) || _allowed.Any(network => network.Contains(address));
    }
}
