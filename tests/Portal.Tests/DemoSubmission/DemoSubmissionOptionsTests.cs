using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.DemoSubmission;

namespace Portal.Tests.DemoSubmission;

public sealed class DemoSubmissionOptionsTests
{
    private static IEnumerable<string> Problems(DemoSubmissionOptions options) =>
        new DemoSubmissionOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new DemoSubmissionOptions();

        Assert.Empty(Problems(options));
        Assert.Null(options.Enabled);
        Assert.Equal(("127.0.0.1", 2587, "demo@example.jp", "demo-587-pass"),
            (options.Address, options.Port, options.AccountAddress, options.AccountPassword));
        var root = Path.GetTempPath();
        Assert.Equal(Path.Combine(root, "App_Data", "demo-submission.pfx"), options.ResolveCertificatePath(root));
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("127.0.0.2")]
    public void Any_loopback_address_is_accepted(string address) =>
        Assert.Empty(Problems(new DemoSubmissionOptions { Address = address }));

    [Theory]
    [InlineData(0, "Demo:Port: must be between 1 and 65535 (was 0)")]
    [InlineData(65536, "Demo:Port: must be between 1 and 65535 (was 65536)")]
    public void Port_out_of_range_is_named(int port, string expected) =>
        Assert.Equal([expected], Problems(new DemoSubmissionOptions { Port = port }));

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    [InlineData("localhost")]
    public void Non_loopback_address_is_named(string address) =>
        Assert.Equal(
            [$"Demo:Address: must be a loopback IP address such as 127.0.0.1 or ::1 (was '{address}')"],
            Problems(new DemoSubmissionOptions { Address = address }));

    [Theory]
    [InlineData("demo")]
    [InlineData("Demo <demo@example.jp>")]
    public void Account_address_must_be_a_bare_address(string account) =>
        Assert.Equal(
            [$"Demo:AccountAddress: must be a bare e-mail address such as demo@example.jp (was '{account}')"],
            Problems(new DemoSubmissionOptions { AccountAddress = account }));

    [Fact]
    public void Empty_password_and_certificate_file_are_named()
    {
        var failures = Problems(new DemoSubmissionOptions { AccountPassword = "", CertificateFile = " " });

        Assert.Equal(["Demo:AccountPassword: must not be empty", "Demo:CertificateFile: must not be empty"], failures);
    }

    [Fact]
    public async Task Host_start_fails_with_the_validation_messages()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Demo:Port"] = "0",
            ["Demo:Address"] = "0.0.0.0",
        });
        builder.Services.AddDemoSubmission().AddHostedService<DemoSubmissionServer>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Demo:Port: must be between 1 and 65535 (was 0)", error.Failures);
        Assert.Contains("Demo:Address: must be a loopback IP address such as 127.0.0.1 or ::1 (was '0.0.0.0')", error.Failures);
    }
}
