using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class BilingualCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "display_name_fr",
                table: "metric_definitions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "unit_fr",
                table: "metric_definitions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            // A catalogue edited before both languages existed is named in French as in English until an admin
            // translates it on the catalogue page.
            migrationBuilder.Sql("update metric_definitions set display_name_fr = display_name, unit_fr = unit");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "display_name_fr",
                table: "metric_definitions");

            migrationBuilder.DropColumn(
                name: "unit_fr",
                table: "metric_definitions");
        }
    }
}
