using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Ingestion.Slots;

/// <summary>
/// Leases of the telemetry service's broker client ids, kept in <c>telemetry.client_slots</c>. A row means a broker
/// session with that client id may still exist: it is the holder's while the holder renews it, and once the lease has
/// run out the session is abandoned (its task crashed or was replaced) and another task takes it over.
/// A task that ends its session deletes the row.
/// </summary>
public sealed class ClientSlotStore(NpgsqlDataSource dataSource, IOptions<IngestionOptions> options)
{
    // Abandoned slots first (a session there may hold messages), then the lowest number never used; the conflict
    // clause re-checks the lease on the row as it is now, so two tasks racing for one slot cannot both win it.
    [Sql("lease interval")]
    private const string Claim = $"""
        with candidate as (
            select s.slot from generate_series(1, @slots) as s(slot)
            left join {Tables.ClientSlots} c on c.slot = s.slot
            where ((c.slot is null and not @abandoned_only) or c.renewed_at < now() - @lease) and s.slot <> @own
            order by c.slot is null, s.slot
            limit 1)
        insert into {Tables.ClientSlots} as c (slot, holder, renewed_at)
        select slot, @holder, now() from candidate
        on conflict (slot) do update set holder = excluded.holder, renewed_at = excluded.renewed_at
            where c.renewed_at < now() - @lease
        returning slot
        """;

    [Sql]
    private const string Renew = $"update {Tables.ClientSlots} set renewed_at = now() where slot = @slot and holder = @holder";

    [Sql]
    private const string Release = $"delete from {Tables.ClientSlots} where slot = @slot and holder = @holder";

    /// <summary>The slot this task connects with: an abandoned one if there is one, else the lowest free number.</summary>
    public Task<int?> TryClaimAsync(Guid holder, CancellationToken ct) => ClaimAsync(holder, abandonedOnly: false, own: 0, ct);

    /// <summary>
    /// A slot whose holder stopped renewing, so that this task can end the session left behind; never
    /// <paramref name="own"/>, the slot this task's own connection holds. A task whose renewals all came late at once
    /// (a machine paused for longer than a lease) must not take its own live session over and stop itself.
    /// </summary>
    public Task<int?> TryClaimAbandonedAsync(Guid holder, int own, CancellationToken ct) => ClaimAsync(holder, abandonedOnly: true, own, ct);

    /// <summary>False when the slot is no longer this holder's: another task has taken it over.</summary>
    public async Task<bool> RenewAsync(int slot, Guid holder, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Renew);
        command.Parameters.AddWithValue("slot", slot);
        command.Parameters.AddWithValue("holder", holder);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Called once the session has ended at the broker: the number is free again.</summary>
    public async Task ReleaseAsync(int slot, Guid holder, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Release);
        command.Parameters.AddWithValue("slot", slot);
        command.Parameters.AddWithValue("holder", holder);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<int?> ClaimAsync(Guid holder, bool abandonedOnly, int own, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.AddWithValue("slots", options.Value.ClientSlots);
        command.Parameters.AddWithValue("lease", options.Value.SlotLease);
        command.Parameters.AddWithValue("holder", holder);
        command.Parameters.AddWithValue("abandoned_only", abandonedOnly);
        command.Parameters.AddWithValue("own", own);
        return await command.ExecuteScalarAsync(ct) is int slot ? slot : null;
    }
}
