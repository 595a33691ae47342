using Microsoft.EntityFrameworkCore.Migrations;
using Valmetal.DeviceContract.Schema;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <summary>
    /// The access version the API's replicas remember access rows by (<c>Security/AccessCache.cs</c>): one row, bumped
    /// in the same transaction as any change to who may see what. The triggers are deferred to the commit, so the
    /// version row is the last lock a transaction takes and two changes cannot deadlock on it; a transaction bumps it
    /// once however many rows it changes.
    /// </summary>
    public partial class AccessVersion : Migration
    {
        private static readonly (string Table, string Events)[] Watched =
        [
            (Tables.Users, "insert or delete or update of sub, role, disabled"),
            (Tables.FarmMemberships, "insert or delete or update"),
            (Tables.Equipment, "insert or delete or update of serial_number, farm_id, model_code"),
            (Tables.EquipmentModels, "insert or delete or update of code, inactivity_timeout_seconds"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                create table {Tables.AccessVersion} (
                    id int primary key check (id = 1),
                    version bigint not null,
                    bumped_by xid8);
                insert into {Tables.AccessVersion} (id, version) values (1, 0);

                create function bump_access_version() returns trigger language plpgsql as $$
                begin
                    update {Tables.AccessVersion} set version = version + 1, bumped_by = pg_current_xact_id()
                    where id = 1 and bumped_by is distinct from pg_current_xact_id();
                    return null;
                end $$;
                """);
            foreach (var (table, events) in Watched)
            {
                migrationBuilder.Sql($"""
                    create constraint trigger {table}_access after {events} on {table}
                        deferrable initially deferred for each row execute function bump_access_version();
                    create trigger {table}_access_truncate after truncate on {table}
                        for each statement execute function bump_access_version();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Watched)
            {
                migrationBuilder.Sql($"drop trigger {table}_access_truncate on {table}; drop trigger {table}_access on {table};");
            }

            migrationBuilder.Sql($"drop function bump_access_version(); drop table {Tables.AccessVersion};");
        }
    }
}
