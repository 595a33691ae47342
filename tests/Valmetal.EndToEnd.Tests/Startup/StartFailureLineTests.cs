using Valmetal.AppHost.Startup;

namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>How the failure line picks its reason from a resource's output and what it advises.</summary>
public sealed class StartFailureLineTests
{
    [Fact]
    public void The_reason_is_the_last_error_line_not_the_hint_after_it_nor_Aspire_timestamps()
    {
        string[] output =
        [
            "2026-11-30T15:48:30.2850000Z Data page checksums are disabled.",
            "2026-11-30T15:48:30.2850000Z initdb: error: directory \"/x/data\" exists but is not empty",
            "2026-11-30T15:48:30.2850000Z initdb: hint: If you want to create a new database system, either remove or empty the directory",
            "2026-11-30T15:48:29.8650000Z [sys] Starting process...: Cmd = /usr/bin/sh",
        ];

        Assert.Equal("\"initdb: error: directory \"/x/data\" exists but is not empty\"", StartFailure.Reason(output));
    }

    [Fact]
    public void The_reason_of_a_crashed_service_is_its_exception_not_a_stack_frame()
    {
        string[] output =
        [
            "Unhandled exception. System.InvalidOperationException: The migrations could not run",
            "   at Valmetal.Api.Data.Migrator.RunAsync() in Migrator.cs:line 12",
        ];

        Assert.Equal("\"Unhandled exception. System.InvalidOperationException: The migrations could not run\"", StartFailure.Reason(output));
    }

    [Fact]
    public void A_port_taken_after_the_check_is_advised_with_the_port_and_the_setting_that_moves_it()
    {
        var reason = StartFailure.Reason(["1764517711: Error: Address already in use"]);

        var remedy = StartFailure.Remedy(reason, [(8883, "LocalStack:BrokerPort")]);

        Assert.Contains("port 8883", remedy, StringComparison.Ordinal);
        Assert.Contains("--LocalStack:BrokerPort=PORT", remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_that_printed_nothing_says_so()
    {
        Assert.Equal("it printed nothing", StartFailure.Reason(["", "2026-11-30T15:48:29.8650000Z [sys] Starting process..."]));
    }
}
