using NanoLM.Data.Tokenizers;

namespace NanoLM.Tests.Data;

public sealed class TokenizerTests
{
    const string Text = "Héllo, wörld! 123 — naïve café ☕\nsecond line\ttab";

    [Theory]
    [InlineData("byte", 256)]
    [InlineData("cl100k", 100_277)]
    [InlineData("o200k", 200_019)]
    public void Tokenizer_round_trips_text_and_stays_inside_its_vocabulary(string name, int vocabularySize)
    {
        var tokenizer = TokenizerCatalog.Create(name);
        var tokens = new List<int>();
        tokenizer.Encode(Text, tokens);

        Assert.Equal(name, tokenizer.Name);
        Assert.Equal(vocabularySize, tokenizer.VocabularySize);
        Assert.All(tokens, t => Assert.InRange(t, 0, vocabularySize - 1));
        Assert.Equal(Text, tokenizer.Decode(tokens));
        Assert.All(tokenizer.DocumentSeparator, t => Assert.InRange(t, 0, vocabularySize - 1));
    }

    [Fact]
    public void Byte_tokenizer_emits_one_token_per_utf8_byte()
    {
        var tokens = new List<int>();
        new ByteTokenizer().Encode("aé", tokens);
        Assert.Equal([0x61, 0xC3, 0xA9], tokens);
    }

    [Fact]
    public void Tiktoken_tokenizers_compress_english_text()
    {
        var tokens = new List<int>();
        new Cl100kTokenizer().Encode("The quick brown fox jumps over the lazy dog.", tokens);
        Assert.Equal(10, tokens.Count);
    }

    [Fact]
    public void Unknown_tokenizer_is_a_user_error_listing_the_choices()
    {
        var error = Assert.Throws<UserError>(() => TokenizerCatalog.Create("gpt2"));
        Assert.Contains("byte, cl100k, o200k", error.Message);
    }
}
