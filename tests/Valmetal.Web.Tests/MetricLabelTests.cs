using Valmetal.Web.Components.Fleet;

namespace Valmetal.Web.Tests;

public sealed class MetricLabelTests
{
    [Fact]
    public void Values_are_shown_in_the_catalogue_s_order_with_its_names_and_a_key_it_does_not_name_comes_last_as_is()
    {
        MetricLabel[] labels = [new("motor_temp_c", "Motor temperature", "°C"), new("belt_speed_m_s", "Belt speed", "m/s"), new("load_kg", "Load", "kg")];
        var values = new Dictionary<string, double> { ["belt_speed_m_s"] = 1.6, ["vibration"] = 0.2, ["motor_temp_c"] = 35.3 };

        var shown = MetricLabel.Show(labels, values).Select(m => (m.Label.Name, m.Label.Unit, m.Value)).ToList();

        Assert.Equal([("Motor temperature", "°C", 35.3), ("Belt speed", "m/s", 1.6), ("vibration", "", 0.2)], shown);
    }
}
