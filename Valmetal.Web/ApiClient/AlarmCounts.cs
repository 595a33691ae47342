namespace Valmetal.Web.ApiClient;

public static class AlarmCounts
{
    extension(AlarmSummary summary)
    {
        /// <summary>Alarms whose condition still holds, acknowledged or not: what the badge counts.</summary>
        public int Open => summary.Active + summary.Acknowledged;
    }
}
