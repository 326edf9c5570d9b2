using System.Diagnostics;

namespace SegMeasure.Viewer;

/// <summary>Opens an address in the user's default browser; a machine without one is not an error (the address is shown anyway).</summary>
public static class BrowserLauncher
{
    /// <summary>True when a browser was started.</summary>
    public static bool TryOpen(string address)
    {
        try
        {
            var start = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
                ? new ProcessStartInfo(address) { UseShellExecute = true }
                : new ProcessStartInfo("xdg-open", [address]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
