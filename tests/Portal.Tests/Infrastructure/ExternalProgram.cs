using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Portal.Tests.Infrastructure;

/// <summary>A program run as an operator would run it: its output captured, its environment and working folder given.</summary>
public static class ExternalProgram
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host's own environment must not leak into the program under test.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k == "DOTNET_ENVIRONMENT").ToList())
            start.Environment.Remove(name);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null,
        string? standardInput = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = StartInfo(program, args, environment, workingDirectory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not exit in time. Output so far: {await output}{await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>A long-running program (a web node): started now, its output collected as it comes, stopped as systemd stops it.</summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private Running(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output) return _output.ToString();
            }
        }

        public static Running Start(ProcessStartInfo start)
        {
            start.RedirectStandardInput = false;
            return new Running(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}."));
        }

        /// <summary>SIGTERM, as systemd's KillSignal; returns the exit code once the program has stopped.</summary>
        public async Task<int> StopAsync(TimeSpan timeout)
        {
            if (!_process.HasExited && Kill(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: {Marshal.GetLastPInvokeError()}");
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{_process.StartInfo.FileName} did not stop within {timeout.TotalSeconds} s of SIGTERM. Output:{Environment.NewLine}{Output}");
            }

            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
