using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class BusinessCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "farms",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "equipment_models",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<Guid>(
                name: "barn_id",
                table: "equipment",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "run_hours",
                table: "equipment",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "equipment",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "equipment",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateTable(
                name: "barns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    farm_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_barns", x => x.id);
                    table.ForeignKey(
                        name: "fk_barns_farms_farm_id",
                        column: x => x.farm_id,
                        principalTable: "farms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "device_certificates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    serial_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    certificate_serial = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    certificate_pem = table.Column<string>(type: "text", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by_sub = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_certificates", x => x.id);
                    table.ForeignKey(
                        name: "fk_device_certificates_equipment_serial_number",
                        column: x => x.serial_number,
                        principalTable: "equipment",
                        principalColumn: "serial_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "equipment_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    serial_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_sub = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_code = table.Column<string>(type: "character varying(32)", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    interval_run_hours = table.Column<int>(type: "integer", nullable: true),
                    interval_days = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_maintenance_plans", x => x.id);
                    table.CheckConstraint("ck_maintenance_plans_interval", "interval_run_hours > 0 or interval_days > 0");
                    table.ForeignKey(
                        name: "fk_maintenance_plans_equipment_models_model_code",
                        column: x => x.model_code,
                        principalTable: "equipment_models",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_logs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    serial_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_run_hours = table.Column<double>(type: "double precision", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at_run_hours = table.Column<double>(type: "double precision", nullable: true),
                    performed_by_sub = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    parts = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    minutes_spent = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_maintenance_logs", x => x.id);
                    table.ForeignKey(
                        name: "fk_maintenance_logs_equipment_serial_number",
                        column: x => x.serial_number,
                        principalTable: "equipment",
                        principalColumn: "serial_number",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_maintenance_logs_maintenance_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "maintenance_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    model_code = table.Column<string>(type: "character varying(32)", nullable: true),
                    serial_number = table.Column<string>(type: "character varying(64)", nullable: true),
                    maintenance_log_id = table.Column<Guid>(type: "uuid", nullable: true),
                    farm_id = table.Column<Guid>(type: "uuid", nullable: true),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    object_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    uploaded_by_sub = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_documents_equipment_models_model_code",
                        column: x => x.model_code,
                        principalTable: "equipment_models",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_documents_equipment_serial_number",
                        column: x => x.serial_number,
                        principalTable: "equipment",
                        principalColumn: "serial_number",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_documents_maintenance_logs_maintenance_log_id",
                        column: x => x.maintenance_log_id,
                        principalTable: "maintenance_logs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_equipment_barn_id",
                table: "equipment",
                column: "barn_id");

            migrationBuilder.CreateIndex(
                name: "ix_barns_farm_id_name",
                table: "barns",
                columns: new[] { "farm_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_device_certificates_certificate_serial",
                table: "device_certificates",
                column: "certificate_serial",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_device_certificates_serial_number",
                table: "device_certificates",
                column: "serial_number",
                unique: true,
                filter: "revoked_at is null");

            migrationBuilder.CreateIndex(
                name: "ix_documents_maintenance_log_id",
                table: "documents",
                column: "maintenance_log_id");

            migrationBuilder.CreateIndex(
                name: "ix_documents_model_code",
                table: "documents",
                column: "model_code");

            migrationBuilder.CreateIndex(
                name: "ix_documents_serial_number",
                table: "documents",
                column: "serial_number");

            migrationBuilder.CreateIndex(
                name: "ix_equipment_audit_serial_number_at",
                table: "equipment_audit",
                columns: new[] { "serial_number", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_logs_plan_id",
                table: "maintenance_logs",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_logs_serial_number_plan_id",
                table: "maintenance_logs",
                columns: new[] { "serial_number", "plan_id" },
                unique: true,
                filter: "status = 'Pending' and plan_id is not null");

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_logs_serial_number_status",
                table: "maintenance_logs",
                columns: new[] { "serial_number", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_plans_model_code",
                table: "maintenance_plans",
                column: "model_code");

            migrationBuilder.AddForeignKey(
                name: "fk_equipment_barns_barn_id",
                table: "equipment",
                column: "barn_id",
                principalTable: "barns",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_equipment_barns_barn_id",
                table: "equipment");

            migrationBuilder.DropTable(
                name: "barns");

            migrationBuilder.DropTable(
                name: "device_certificates");

            migrationBuilder.DropTable(
                name: "documents");

            migrationBuilder.DropTable(
                name: "equipment_audit");

            migrationBuilder.DropTable(
                name: "maintenance_logs");

            migrationBuilder.DropTable(
                name: "maintenance_plans");

            migrationBuilder.DropIndex(
                name: "ix_equipment_barn_id",
                table: "equipment");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "farms");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "equipment_models");

            migrationBuilder.DropColumn(
                name: "barn_id",
                table: "equipment");

            migrationBuilder.DropColumn(
                name: "run_hours",
                table: "equipment");

            migrationBuilder.DropColumn(
                name: "status",
                table: "equipment");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "equipment");
        }
    }
}
