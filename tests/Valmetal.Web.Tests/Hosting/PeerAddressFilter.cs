using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Valmetal.Web.Tests.Hosting;

/// <summary>
/// The test server's connections have no remote address; a real socket always has one, and whether it belongs to a
/// trusted proxy is what forwarded headers depend on. Requests say which peer they come from with
/// <see cref="Header"/> (default <see cref="DefaultPeer"/>, an address no proxy setting trusts); it runs before the app.
/// </summary>
public sealed class PeerAddressFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public static readonly IPAddress DefaultPeer = IPAddress.Parse("198.51.100.20");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var peer)
                ? IPAddress.Parse(peer.ToString())
                : DefaultPeer;
            context.Request.Headers.Remove(Header);
            return nextMiddleware(context);
        });
        next(app);
    };
}
