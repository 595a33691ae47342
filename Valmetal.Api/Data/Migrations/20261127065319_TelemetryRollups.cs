using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class TelemetryRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Per-minute and per-hour aggregates kept current by the telemetry service in the same transaction as the
            // points (only newly stored points count, so redelivery never counts twice). Long-range charts read these.
            migrationBuilder.Sql("""
                create table telemetry.rollups_minute (
                    thing text not null, metric text not null, bucket timestamptz not null,
                    min double precision not null, max double precision not null, sum double precision not null, count bigint not null,
                    constraint pk_rollups_minute primary key (thing, metric, bucket));
                create table telemetry.rollups_hour (
                    thing text not null, metric text not null, bucket timestamptz not null,
                    min double precision not null, max double precision not null, sum double precision not null, count bigint not null,
                    constraint pk_rollups_hour primary key (thing, metric, bucket));
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop table if exists telemetry.rollups_minute; drop table if exists telemetry.rollups_hour;");

        }
    }
}
