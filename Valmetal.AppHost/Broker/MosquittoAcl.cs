using System.Text;
using Valmetal.DeviceContract.Access;

namespace Valmetal.AppHost.Broker;

/// <summary>
/// Mosquitto's acl_file from <see cref="BrokerAccessRules"/>. Devices get <c>pattern</c> lines, where <c>%u</c> is the
/// certificate's CN (the thing name); a service gets <c>user</c> lines for its identity, shared by all its tasks.
/// Mosquitto has no right of its own for retained publishes, and checks shared subscriptions without their
/// <c>$share/group/</c> prefix.
/// </summary>
public static class MosquittoAcl
{
    public static string Render(IEnumerable<BrokerPrincipal> principals)
    {
        var acl = new StringBuilder("# Generated from Valmetal.DeviceContract/Access/BrokerAccessRules.cs.\n");
        foreach (var principal in principals)
        {
            acl.Append("\n# ").Append(principal.Description).Append('\n');
            if (!principal.IsDevice)
            {
                acl.Append("user ").Append(principal.Identity).Append('\n');
            }

            foreach (var rule in principal.Rules)
            {
                acl.Append(principal.IsDevice ? "pattern " : "topic ")
                    .Append(Right(rule.Access)).Append(' ')
                    .Append(rule.Filter.Replace(BrokerAccessRules.OwnThing, "%u", StringComparison.Ordinal)).Append('\n');
            }
        }

        return acl.ToString();
    }

    private static string Right(TopicAccess access) =>
        (access.HasFlag(TopicAccess.Publish), access.HasFlag(TopicAccess.Subscribe)) switch
        {
            (true, true) => "readwrite",
            (true, false) => "write",
            (false, true) => "read",
            _ => throw new ArgumentOutOfRangeException(nameof(access), access, "A rule allows nothing."),
        };
}
