using Valmetal.DeviceContract.Commands;

namespace Valmetal.Web.ApiClient;

public static class CommandProgress
{
    extension(CommandResponse command)
    {
        /// <summary>A status this app does not know is taken as final: there is nothing to wait for that it could show.</summary>
        public bool Finished => !CommandStatuses.TryParse(command.Status, out var known) || known.IsFinished();
    }
}
