using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <summary>
    /// Every stored batch moves each of its devices' <c>last_seen</c> in <c>telemetry.device_presence</c>: at 10,000
    /// devices, one row update per message. The index on <c>last_seen</c> made each of them a new row version with an
    /// entry in both indexes; without it an update that leaves <c>thing</c> alone stays on its page (a HOT update,
    /// no index write), and the fill factor leaves pages the room for it. The inactivity sweep reads the table whole
    /// instead, every 5 s (docs/benchmarks.md, "10,000 devices: where PostgreSQL's time goes"). Names are literal
    /// here: a migration is history and must not follow later renames.
    /// </summary>
    public partial class PresenceUpdatesInPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop index telemetry.ix_device_presence_online_last_seen;
                alter table telemetry.device_presence set (fillfactor = 70);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                alter table telemetry.device_presence reset (fillfactor);
                create index ix_device_presence_online_last_seen on telemetry.device_presence (last_seen) where online;
                """);
        }
    }
}
