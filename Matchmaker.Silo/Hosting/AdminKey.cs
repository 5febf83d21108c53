using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;

namespace Matchmaker.Silo.Hosting;

/// <summary>
/// The instance admin key. Production configures <c>Identity:AdminKey</c>. With development storage and no key
/// configured, one is generated on the first start, kept in <c>.data/admin-key</c> (git-ignored) and printed once.
/// </summary>
public static class AdminKey
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{MatchmakerIdentityOptions.Section}:AdminKey"];
        if (!string.IsNullOrEmpty(configured) || !DevelopmentStorage.IsDevelopment(DevelopmentStorage.ConnectionStringOf(builder.Configuration))) return;

        var file = Path.Combine(RepoRoot.Find(), ".data", "admin-key");
        var key = Generated(file) ?? ReadWhenWritten(file);
        builder.Configuration[$"{MatchmakerIdentityOptions.Section}:AdminKey"] = key;
    }

    /// <summary>Writes a new key unless the file exists; created exclusively, so nodes started together agree on one key.</summary>
    private static string? Generated(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = "admin." + Credentials.New("admin")["admin.".Length..];
        try
        {
            using (var created = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(created))
                writer.Write(key);
        }
        catch (IOException) when (File.Exists(file))
        {
            return null;
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Console.WriteLine($"Generated the instance admin key (kept in {file}, shown this once): {key}");
        return key;
    }

    /// <summary>Another node may have created the file a moment ago and not written it yet.</summary>
    private static string ReadWhenWritten(string file)
    {
        for (var attempt = 0; ; attempt++)
        {
            var key = File.ReadAllText(file).Trim();
            if (key.Length > 0 || attempt == 50) return key;
            Thread.Sleep(100);
        }
    }
}
