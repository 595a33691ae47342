using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlarmsAndDevicePresence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "alarm_delay_seconds",
                table: "metric_definitions",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            // Tables only the telemetry service writes; owned here so one migration history covers the database.
            migrationBuilder.Sql("""
                -- Connectivity as the pipeline last wrote it; the inactivity sweep marks devices silent past their timeout offline.
                create table telemetry.device_presence (
                    thing text primary key, online boolean not null,
                    last_seen timestamptz not null, status_changed_at timestamptz not null);
                create index ix_device_presence_online_last_seen on telemetry.device_presence (last_seen) where online;

                -- Device events (faults) as received; (thing, code, ts, active) names one, so a redelivered event is ignored.
                create table telemetry.device_events (
                    thing text not null, ts timestamptz not null, code text not null, active boolean not null,
                    severity text not null, message text, received_at timestamptz not null,
                    constraint pk_device_events primary key (thing, code, ts, active));

                -- Per metric: the threshold level of the newest value and since when (device time) it has held that level.
                create table telemetry.threshold_states (
                    thing text not null, metric text not null, level smallint not null,
                    since timestamptz not null, last_ts timestamptz not null, last_value double precision not null,
                    constraint pk_threshold_states primary key (thing, metric));

                -- What each telemetry replica measured over its last reporting period (the admin's platform health).
                create table telemetry.replica_stats (
                    replica text primary key, reported_at timestamptz not null, period_seconds double precision not null,
                    messages_per_second double precision not null, points_per_second double precision not null,
                    rejected_per_second double precision not null, queue_depth integer not null,
                    ingest_lag_ms double precision not null, max_ingest_lag_ms double precision not null);
                """);

            migrationBuilder.CreateTable(
                name: "alarms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    serial_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    message = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: true),
                    threshold = table.Column<double>(type: "double precision", nullable: true),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    cleared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alarms", x => x.id);
                    table.ForeignKey(
                        name: "fk_alarms_equipment_serial_number",
                        column: x => x.serial_number,
                        principalTable: "equipment",
                        principalColumn: "serial_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alarms_serial_number_raised_at",
                table: "alarms",
                columns: new[] { "serial_number", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alarms_state",
                table: "alarms",
                column: "state",
                filter: "state <> 'cleared'");

            migrationBuilder.CreateIndex(
                name: "ux_alarms_open_condition",
                table: "alarms",
                columns: new[] { "serial_number", "kind", "source" },
                unique: true,
                filter: "state <> 'cleared'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop table if exists telemetry.device_presence; drop table if exists telemetry.device_events;
                drop table if exists telemetry.threshold_states; drop table if exists telemetry.replica_stats;
                """);
            migrationBuilder.DropTable(
                name: "alarms");

            migrationBuilder.DropColumn(
                name: "alarm_delay_seconds",
                table: "metric_definitions");
        }
    }
}
