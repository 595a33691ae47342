using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <summary>
    /// Thing and metric names are ASCII identifiers, so the time-series keys compare them byte by byte (collation
    /// "C") instead of through the database's locale. Under load, PostgreSQL spent most of its time in the primary-key
    /// checks of the points insert, much of it in locale-aware string comparison (docs/benchmarks.md).
    /// Rewrites the tables and their keys once.
    /// </summary>
    public partial class TelemetryKeysByteOrder : Migration
    {
        private static readonly string[] Tables = ["telemetry.points", "telemetry.rollups_minute", "telemetry.rollups_hour"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""alter table {table} alter column thing type text collate "C", alter column metric type text collate "C";""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""alter table {table} alter column thing type text collate "default", alter column metric type text collate "default";""");
            }
        }
    }
}
