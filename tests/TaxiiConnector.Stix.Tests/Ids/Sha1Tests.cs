using System.Text;
using TaxiiConnector.Stix.Ids;

namespace TaxiiConnector.Stix.Tests.Ids;

public sealed class Sha1Tests
{
    [Theory]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void HashData_FipsVectors_MatchTheStandard(string text, string expectedHex)
    {
        var hash = new byte[Sha1.HashSizeInBytes];

        Sha1.HashData(Encoding.ASCII.GetBytes(text), hash);

        Convert.ToHexStringLower(hash).Should().Be(expectedHex);
    }

    [Fact]
    public void HashData_EveryLengthAcrossBlockBoundaries_SameAsThePlatformSha1()
    {
        var random = new Random(7);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var hash = new byte[Sha1.HashSizeInBytes];

            Sha1.HashData(data, hash);

#pragma warning disable CA5350 // The reference implementation, for comparison only.
            hash.Should().Equal(System.Security.Cryptography.SHA1.HashData(data), "length {0}", length);
#pragma warning restore CA5350
        }
    }
}
