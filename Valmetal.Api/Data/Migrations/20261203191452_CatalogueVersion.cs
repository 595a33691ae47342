using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <summary>
    /// The version the telemetry replicas reload their device catalogue by (<c>Catalogue/CatalogueRefreshService.cs</c>):
    /// one row, bumped in the same transaction as any change to what the catalogue reads, so a replica reads one row per
    /// refresh and the whole catalogue (every unit times its model's metrics) only after a change. Triggers as for the
    /// access version: deferred to the commit, once per transaction. Names are literal here: a migration is history and
    /// must not follow later renames.
    /// </summary>
    public partial class CatalogueVersion : Migration
    {
        private static readonly (string Table, string Events)[] Watched =
        [
            ("equipment", "insert or delete or update of serial_number, farm_id, model_code"),
            ("metric_definitions", "insert or delete or update"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create table catalogue_version (
                    id int primary key check (id = 1),
                    version bigint not null,
                    bumped_by xid8);
                insert into catalogue_version (id, version) values (1, 0);

                create function bump_catalogue_version() returns trigger language plpgsql as $$
                begin
                    update catalogue_version set version = version + 1, bumped_by = pg_current_xact_id()
                    where id = 1 and bumped_by is distinct from pg_current_xact_id();
                    return null;
                end $$;
                """);
            foreach (var (table, events) in Watched)
            {
                migrationBuilder.Sql($"""
                    create constraint trigger {table}_catalogue after {events} on {table}
                        deferrable initially deferred for each row execute function bump_catalogue_version();
                    create trigger {table}_catalogue_truncate after truncate on {table}
                        for each statement execute function bump_catalogue_version();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Watched)
            {
                migrationBuilder.Sql($"drop trigger {table}_catalogue_truncate on {table}; drop trigger {table}_catalogue on {table};");
            }

            migrationBuilder.Sql("drop function bump_catalogue_version(); drop table catalogue_version;");
        }
    }
}
