using System.Security.Cryptography;
using System.Text;

namespace SegMeasure.Core.Batch;

/// <summary>
/// A fingerprint of what made an output: the command and every setting that changes its content
/// (not where it goes, how many jobs run, or whether overwriting is allowed). Equal settings in
/// any order give the same hash; an output made with other settings is not up to date.
/// </summary>
public static class ParameterHash
{
    /// <summary>SHA-256 (hex) of <paramref name="command"/> and the name=value pairs sorted by name.</summary>
    public static string Of(string command, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var text = new StringBuilder(command).Append('\n');
        foreach (var (name, value) in settings.OrderBy(s => s.Key, StringComparer.Ordinal).ThenBy(s => s.Value, StringComparer.Ordinal))
            // Lengths make the encoding unambiguous whatever the values contain.
            text.Append(name.Length).Append(':').Append(name).Append('=').Append(value.Length).Append(':').Append(value).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}
