using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class BoundedRejections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Expand only: telemetry.rejected_messages stays until no running task can write it (docs/decisions.md),
            // so rolling back to the previous task definition still works. It is no longer in the model.
            migrationBuilder.CreateTable(
                name: "device_quarantine",
                schema: "telemetry",
                columns: table => new
                {
                    thing = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_quarantine", x => x.thing);
                });

            migrationBuilder.CreateTable(
                name: "rejections",
                schema: "telemetry",
                columns: table => new
                {
                    minute = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    thing = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    messages = table.Column<long>(type: "bigint", nullable: false),
                    payload_bytes = table.Column<long>(type: "bigint", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    topic = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    detail = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    samples = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rejections", x => new { x.minute, x.thing, x.reason });
                });

            migrationBuilder.CreateIndex(
                name: "ix_device_quarantine_until",
                schema: "telemetry",
                table: "device_quarantine",
                column: "until");

            migrationBuilder.CreateIndex(
                name: "ix_rejections_thing_minute",
                schema: "telemetry",
                table: "rejections",
                columns: new[] { "thing", "minute" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "device_quarantine",
                schema: "telemetry");

            migrationBuilder.DropTable(
                name: "rejections",
                schema: "telemetry");
        }
    }
}
