using Valmetal.Telemetry.Catalogue;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.Catalogue;

/// <summary>Things found between reloads sit beside the loaded fleet until the next reload replaces both.</summary>
public sealed class DeviceCatalogueTests
{
    private static readonly DeviceProfile NewUnit = new("VM-FM-99001", Guid.NewGuid(), "FM-2400", new Dictionary<string, DeviceContract.Catalogue.MetricDefinition>());

    [Fact]
    public void A_thing_added_between_reloads_is_known_beside_the_loaded_ones()
    {
        var catalogue = DemoCatalogue();
        var loaded = catalogue.Count;

        catalogue.Add(NewUnit);

        Assert.True(catalogue.TryGet(NewUnit.Thing, out var found));
        Assert.Same(NewUnit, found);
        Assert.True(catalogue.TryGet(Mixer, out _));
        Assert.Equal(loaded + 1, catalogue.Count);
    }

    [Fact]
    public void A_reload_replaces_what_was_added_with_what_the_database_holds()
    {
        var catalogue = DemoCatalogue();
        catalogue.Add(NewUnit);
        catalogue.TryGet(Mixer, out var mixer);

        catalogue.Replace([mixer]);

        Assert.False(catalogue.TryGet(NewUnit.Thing, out _));
        Assert.Equal(1, catalogue.Count);
    }

    [Fact]
    public void A_thing_added_that_a_reload_already_brought_is_the_added_copy_and_counted_once()
    {
        var catalogue = DemoCatalogue();
        var loaded = catalogue.Count;
        catalogue.TryGet(Mixer, out var mixer);
        var moved = mixer with { FarmId = Guid.NewGuid() };

        catalogue.Add(moved);

        Assert.True(catalogue.TryGet(Mixer, out var found));
        Assert.Equal(moved.FarmId, found.FarmId);
        Assert.Equal(loaded, catalogue.Count);
    }
}
