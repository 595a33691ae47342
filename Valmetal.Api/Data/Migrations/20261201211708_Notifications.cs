using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "users",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "escalation_minutes",
                table: "farms",
                type: "integer",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "escalate_at",
                table: "alarms",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "escalation_level",
                table: "alarms",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "alarm_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    alarm_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_sub = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alarm_events", x => x.id);
                    table.CheckConstraint("ck_alarm_events_subject", "(alarm_id is null) <> (user_sub is null)");
                    table.ForeignKey(
                        name: "fk_alarm_events_alarms_alarm_id",
                        column: x => x.alarm_id,
                        principalTable: "alarms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alarm_events_users_user_sub",
                        column: x => x.user_sub,
                        principalTable: "users",
                        principalColumn: "sub",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "escalation_contacts",
                columns: table => new
                {
                    farm_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    user_sub = table.Column<string>(type: "character varying(64)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_contacts", x => new { x.farm_id, x.position });
                    table.ForeignKey(
                        name: "fk_escalation_contacts_farms_farm_id",
                        column: x => x.farm_id,
                        principalTable: "farms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_escalation_contacts_users_user_sub",
                        column: x => x.user_sub,
                        principalTable: "users",
                        principalColumn: "sub",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_preferences",
                columns: table => new
                {
                    user_sub = table.Column<string>(type: "character varying(64)", nullable: false),
                    farm_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<bool>(type: "boolean", nullable: false),
                    push = table.Column<bool>(type: "boolean", nullable: false),
                    sms = table.Column<bool>(type: "boolean", nullable: false),
                    minimum_severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    quiet_from = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    quiet_until = table.Column<TimeOnly>(type: "time without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_preferences", x => new { x.user_sub, x.farm_id });
                    table.ForeignKey(
                        name: "fk_notification_preferences_farms_farm_id",
                        column: x => x.farm_id,
                        principalTable: "farms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notification_preferences_users_user_sub",
                        column: x => x.user_sub,
                        principalTable: "users",
                        principalColumn: "sub",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    alarm_id = table.Column<Guid>(type: "uuid", nullable: true),
                    topic = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    farm_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_sub = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    address = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_alarms_alarm_id",
                        column: x => x.alarm_id,
                        principalTable: "alarms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_notifications_farms_farm_id",
                        column: x => x.farm_id,
                        principalTable: "farms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "push_subscriptions",
                columns: table => new
                {
                    endpoint = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    user_sub = table.Column<string>(type: "character varying(64)", nullable: false),
                    p256dh = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    auth = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_push_subscriptions", x => x.endpoint);
                    table.ForeignKey(
                        name: "fk_push_subscriptions_users_user_sub",
                        column: x => x.user_sub,
                        principalTable: "users",
                        principalColumn: "sub",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alarms_escalate_at",
                table: "alarms",
                column: "escalate_at",
                filter: "state = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_alarm_events_alarm_id",
                table: "alarm_events",
                column: "alarm_id");

            migrationBuilder.CreateIndex(
                name: "ix_alarm_events_unhandled",
                table: "alarm_events",
                column: "id",
                filter: "handled_at is null");

            migrationBuilder.CreateIndex(
                name: "ix_alarm_events_user_sub",
                table: "alarm_events",
                column: "user_sub");

            migrationBuilder.CreateIndex(
                name: "ix_escalation_contacts_farm_id_user_sub",
                table: "escalation_contacts",
                columns: new[] { "farm_id", "user_sub" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalation_contacts_user_sub",
                table: "escalation_contacts",
                column: "user_sub");

            migrationBuilder.CreateIndex(
                name: "ix_notification_preferences_farm_id",
                table: "notification_preferences",
                column: "farm_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_address_channel_topic_created_at",
                table: "notifications",
                columns: new[] { "address", "channel", "topic", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_alarm_id",
                table: "notifications",
                column: "alarm_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_created_at",
                table: "notifications",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_due",
                table: "notifications",
                column: "next_attempt_at",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_farm_id",
                table: "notifications",
                column: "farm_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_idempotency_key",
                table: "notifications",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_sub_created_at",
                table: "notifications",
                columns: new[] { "user_sub", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_push_subscriptions_user_sub",
                table: "push_subscriptions",
                column: "user_sub");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alarm_events");

            migrationBuilder.DropTable(
                name: "escalation_contacts");

            migrationBuilder.DropTable(
                name: "notification_preferences");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "push_subscriptions");

            migrationBuilder.DropIndex(
                name: "ix_alarms_escalate_at",
                table: "alarms");

            migrationBuilder.DropColumn(
                name: "language",
                table: "users");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "users");

            migrationBuilder.DropColumn(
                name: "escalation_minutes",
                table: "farms");

            migrationBuilder.DropColumn(
                name: "escalate_at",
                table: "alarms");

            migrationBuilder.DropColumn(
                name: "escalation_level",
                table: "alarms");
        }
    }
}
