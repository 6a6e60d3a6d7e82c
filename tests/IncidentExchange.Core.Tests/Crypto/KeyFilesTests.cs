using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Core.Tests.Crypto;

// Key files are protected by Unix permissions; nodes run on Linux.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class KeyFilesTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("incx-keys-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Write_ThenRead_RestoresTheSameKey()
    {
        using var key = SigningKey.Generate();
        var (privatePath, publicPath) = KeyFiles.Write(_directory, "ee", key);

        var (node, restored) = KeyFiles.ReadPrivate(privatePath);
        using (restored)
        {
            var publicFile = KeyFiles.ReadPublic(publicPath);
            Assert.Multiple(() =>
            {
                Assert.That(node, Is.EqualTo("ee"));
                Assert.That(restored.KeyId, Is.EqualTo(key.KeyId));
                Assert.That(publicFile.PublicKeyBytes, Is.EqualTo(key.PublicKey));
                Assert.That(File.GetUnixFileMode(privatePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            });
        }
    }

    [Test]
    public void ReadPrivate_FileReadableByOthers_IsRefusedWithChmodAdvice()
    {
        using var key = SigningKey.Generate();
        var (privatePath, _) = KeyFiles.Write(_directory, "ee", key);
        File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.That(() => KeyFiles.ReadPrivate(privatePath),
            Throws.TypeOf<KeyFileException>().With.Message.Contains("accessible by group or others").And.Message.Contains("chmod 600"));
    }

    [Test]
    public void Write_ExistingPrivateKey_IsNotOverwritten()
    {
        using var first = SigningKey.Generate();
        using var second = SigningKey.Generate();
        var (privatePath, _) = KeyFiles.Write(_directory, "ee", first);

        Assert.That(() => KeyFiles.Write(_directory, "ee", second), Throws.TypeOf<KeyFileException>());
        var (_, kept) = KeyFiles.ReadPrivate(privatePath);
        using (kept)
        {
            Assert.That(kept.KeyId, Is.EqualTo(first.KeyId));
        }
    }

    [Test]
    public void ReadPrivate_MissingFile_SaysSo()
    {
        Assert.That(() => KeyFiles.ReadPrivate(Path.Combine(_directory, "none.key.json")),
            Throws.TypeOf<KeyFileException>().With.Message.Contains("does not exist"));
    }
}
