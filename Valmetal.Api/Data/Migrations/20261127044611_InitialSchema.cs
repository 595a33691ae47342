using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "telemetry");

            migrationBuilder.CreateTable(
                name: "equipment_models",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    inactivity_timeout_seconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment_models", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "farms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_farms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rejected_messages",
                schema: "telemetry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    topic = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    thing = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    payload_bytes = table.Column<int>(type: "integer", nullable: false),
                    payload_excerpt = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rejected_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "metric_definitions",
                columns: table => new
                {
                    model_code = table.Column<string>(type: "character varying(32)", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    min_valid = table.Column<double>(type: "double precision", nullable: false),
                    max_valid = table.Column<double>(type: "double precision", nullable: false),
                    warning_above = table.Column<double>(type: "double precision", nullable: true),
                    critical_above = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_definitions", x => new { x.model_code, x.key });
                    table.ForeignKey(
                        name: "fk_metric_definitions_equipment_models_model_code",
                        column: x => x.model_code,
                        principalTable: "equipment_models",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "equipment",
                columns: table => new
                {
                    serial_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    model_code = table.Column<string>(type: "character varying(32)", nullable: false),
                    farm_id = table.Column<Guid>(type: "uuid", nullable: false),
                    installed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    firmware = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment", x => x.serial_number);
                    table.ForeignKey(
                        name: "fk_equipment_equipment_models_model_code",
                        column: x => x.model_code,
                        principalTable: "equipment_models",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_equipment_farms_farm_id",
                        column: x => x.farm_id,
                        principalTable: "farms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_equipment_farm_id",
                table: "equipment",
                column: "farm_id");

            migrationBuilder.CreateIndex(
                name: "ix_equipment_model_code",
                table: "equipment",
                column: "model_code");

            migrationBuilder.CreateIndex(
                name: "ix_rejected_messages_received_at",
                schema: "telemetry",
                table: "rejected_messages",
                column: "received_at");

            // Time series: EF cannot express declarative partitioning, so the table is plain SQL.
            // Daily partitions are created by the telemetry service as data needs them (PartitionManager).
            migrationBuilder.Sql("""
                create table telemetry.points (
                    thing text not null,
                    metric text not null,
                    ts timestamptz not null,
                    value double precision not null,
                    constraint pk_points primary key (thing, metric, ts)
                ) partition by range (ts);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop table if exists telemetry.points;");

            migrationBuilder.DropTable(
                name: "equipment");

            migrationBuilder.DropTable(
                name: "metric_definitions");

            migrationBuilder.DropTable(
                name: "rejected_messages",
                schema: "telemetry");

            migrationBuilder.DropTable(
                name: "farms");

            migrationBuilder.DropTable(
                name: "equipment_models");
        }
    }
}
