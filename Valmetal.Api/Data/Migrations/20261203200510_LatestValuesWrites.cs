using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <summary>
    /// When each device's latest values were last written to its shadow, by whichever telemetry replica claimed it
    /// (<c>DeviceStateUpdates/LatestValuesClaims.cs</c>): one write per device per interval across replicas, not one per
    /// replica. Updated about twice a minute per device, in place (no index on the time, fill factor 70). Names are
    /// literal here: a migration is history and must not follow later renames.
    /// </summary>
    public partial class LatestValuesWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create table telemetry.latest_values_writes (
                    thing text collate "C" primary key,
                    written_at timestamptz not null
                ) with (fillfactor = 70);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop table telemetry.latest_values_writes;");
        }
    }
}
