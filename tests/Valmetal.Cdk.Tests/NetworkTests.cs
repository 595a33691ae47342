namespace Valmetal.Cdk.Tests;

[Collection(SynthesizedAppCollection.Name)]
public sealed class NetworkTests(SynthesizedApp app)
{
    [Fact]
    public void The_vpc_spans_two_zones_with_private_subnets_for_tasks_and_data()
    {
        var subnets = app.ProdJson.Resources("AWS::EC2::Subnet").ToList();
        Assert.Equal(2, subnets.Select(s => (string?)s.Properties["AvailabilityZone"]).Distinct().Count());
        var private_ = subnets.Where(s => s.Properties["MapPublicIpOnLaunch"] is null || !(bool)s.Properties["MapPublicIpOnLaunch"]!).ToList();
        Assert.Equal(4, private_.Count);
    }

    [Fact]
    public void Flow_logs_record_all_traffic()
    {
        var flowLog = Assert.Single(app.ProdJson.Resources("AWS::EC2::FlowLog"));
        Assert.Equal("ALL", (string?)flowLog.Properties["TrafficType"]);
    }

    [Theory]
    [InlineData("ecr.api")]
    [InlineData("ecr.dkr")]
    [InlineData("logs")]
    [InlineData("secretsmanager")]
    [InlineData("s3")]
    public void Aws_apis_are_reached_through_vpc_endpoints(string service)
    {
        var endpoints = app.ProdJson.Resources("AWS::EC2::VPCEndpoint").Select(e => e.Properties["ServiceName"]!.ToJsonString());
        Assert.Contains(endpoints, name => name.Contains($".{service}", StringComparison.Ordinal));
    }
}
