namespace CreditRisk.Tests.Support;

/// <summary>
/// Where tests put their files: a fresh directory under the temp folder's <c>creditrisk-tests</c>, one per test class
/// instance, removed afterwards.
/// </summary>
public static class TestDirectories
{
    /// <summary>A new, unique directory path (not yet created: some tests check that the code under test creates it).</summary>
    public static string New() => Path.Combine(Path.GetTempPath(), "creditrisk-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Deletes <paramref name="directory"/> and everything in it, if it exists.</summary>
    public static void Delete(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file a failed test still holds open only leaves litter in the temp folder; the failure itself is reported.
        }
    }

    /// <summary>Copies the files of <paramref name="from"/> (not its subdirectories) into <paramref name="to"/>, created when missing.</summary>
    public static void CopyFiles(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
