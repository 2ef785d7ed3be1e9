namespace Grains.Interfaces;

/// <summary>
/// Response timeouts of grain methods (Orleans' <see cref="ResponseTimeoutAttribute"/>). A call in flight to
/// a silo that dies is answered only by its timeout, so the methods on the hot path of messaging (sends
/// and reads, cheap when healthy) have a short one: a killed silo's conversations are served again within
/// seconds. Everything else, password hashing included (hundreds of milliseconds of CPU each, which
/// queue under a burst of logins), keeps Orleans' response timeout (30 s unless configured).
/// </summary>
public static class CallTimeouts
{
    public const string Messaging = "00:00:03";
}
