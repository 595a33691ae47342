using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <summary>Expand only: a new table the telemetry service writes; older telemetry tasks never read it.</summary>
    public partial class TelemetryClientSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The broker client ids the telemetry tasks hold (valmetal-telemetry-{slot}); a row whose lease has run out
                -- names a session a task left behind (ClientSlotStore).
                create table telemetry.client_slots (
                    slot integer primary key check (slot > 0), holder uuid not null, renewed_at timestamptz not null);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop table if exists telemetry.client_slots;");
        }
    }
}
