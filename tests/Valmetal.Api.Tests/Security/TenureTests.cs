using Valmetal.Api.Data.Entities;
using Valmetal.Api.Security;

namespace Valmetal.Api.Tests.Security;

/// <summary>
/// The rule for equipment that changed farms, on in-memory queries: what a farm user sees of a unit's records
/// starts when the unit came to their farm. The end-to-end tests check the same against PostgreSQL.
/// </summary>
public sealed class TenureTests
{
    private static readonly Guid OldFarm = Guid.NewGuid();
    private static readonly Guid NewFarm = Guid.NewGuid();
    private static readonly DateTimeOffset Moved = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static readonly CurrentUser Admin = new("admin", Role.Admin, Role.Admin, false, new HashSet<Guid>());
    private static readonly CurrentUser NewOwner = new("new", Role.Farmer, Role.Farmer, false, new HashSet<Guid> { NewFarm });
    private static readonly CurrentUser OldOwner = new("old", Role.Farmer, Role.Farmer, false, new HashSet<Guid> { OldFarm });
    private static readonly CurrentUser BothFarmsTechnician = new("tech", Role.Technician, Role.Technician, false, new HashSet<Guid> { OldFarm, NewFarm });

    private static readonly IQueryable<Equipment> Units = new[]
    {
        new Equipment { SerialNumber = "MOVED", DisplayName = "Moved", ModelCode = "M", Firmware = "1", FarmId = NewFarm, FarmSince = Moved },
        new Equipment { SerialNumber = "STAYED", DisplayName = "Stayed", ModelCode = "M", Firmware = "1", FarmId = OldFarm, FarmSince = DateTimeOffset.MinValue },
    }.AsQueryable();

    private sealed record Entry(string Serial, DateTimeOffset At, bool Open = false);

    private static readonly Entry BeforeMove = new("MOVED", Moved.AddTicks(-1));
    private static readonly Entry TheMove = new("MOVED", Moved);
    private static readonly Entry AfterMove = new("MOVED", Moved.AddDays(1));
    private static readonly Entry OpenSinceBefore = new("MOVED", Moved.AddDays(-3), Open: true);
    private static readonly Entry OfUnitThatStayed = new("STAYED", Moved.AddYears(-5));
    private static readonly Entry OfUnitNoLongerRegistered = new("GONE", Moved);

    private static readonly IQueryable<Entry> Entries =
        new[] { BeforeMove, TheMove, AfterMove, OpenSinceBefore, OfUnitThatStayed, OfUnitNoLongerRegistered }.AsQueryable();

    [Fact]
    public void Farm_users_see_a_unit_s_records_from_its_arrival_on_their_farm_admins_from_the_start()
    {
        Assert.Equal(Moved, NewOwner.VisibleFrom(Moved));
        Assert.Equal(Moved, BothFarmsTechnician.VisibleFrom(Moved));
        Assert.Null(Admin.VisibleFrom(Moved));
    }

    [Fact]
    public void A_requested_range_is_read_from_the_later_of_its_start_and_the_arrival()
    {
        Assert.Equal(Moved, Moved.AddDays(-7).NotBefore(Moved));
        Assert.Equal(Moved.AddDays(2), Moved.AddDays(2).NotBefore(Moved));
        Assert.Equal(Moved.AddDays(-7), Moved.AddDays(-7).NotBefore(null));
    }

    [Fact]
    public void The_new_farm_sees_the_move_and_what_followed_but_nothing_from_before()
    {
        Assert.Equal([TheMove, AfterMove], Visible(NewOwner));
    }

    [Fact]
    public void The_old_farm_sees_nothing_of_the_unit_it_no_longer_has_and_all_of_the_one_it_kept()
    {
        Assert.Equal([OfUnitThatStayed], Visible(OldOwner));
    }

    [Fact]
    public void Someone_on_both_farms_still_sees_the_moved_unit_only_from_its_arrival()
    {
        Assert.Equal([TheMove, AfterMove, OfUnitThatStayed], Visible(BothFarmsTechnician));
    }

    [Fact]
    public void Admins_see_every_record_even_of_units_no_longer_registered()
    {
        Assert.Equal(Entries.ToList(), Visible(Admin));
    }

    [Fact]
    public void Records_that_describe_the_unit_s_present_travel_with_it()
    {
        var visible = Entries.InTenure(Units, NewOwner, e => e.Serial, e => e.At, e => e.Open).ToList();

        Assert.Equal([TheMove, AfterMove, OpenSinceBefore], visible);
    }

    private static List<Entry> Visible(CurrentUser user) => Entries.InTenure(Units, user, e => e.Serial, e => e.At).ToList();
}
