using NanoLM.Data;
using NanoLM.Data.Preparation;
using NanoLM.Data.Tokenizers;

namespace NanoLM.Tests.Data;

public sealed class DatasetPreparerTests
{
    static string Documents(int count) => string.Join("\n", Enumerable.Range(0, count).Select(i =>
        $$"""{"text": "document {{i}}: the quick brown fox number {{i * 31 % 97}} jumps.", "id": {{i}}}"""));

    [Fact]
    public void Prepared_dataset_reopens_with_every_document_in_one_split()
    {
        using var dir = new TempDirectory();
        string corpus = dir.Write("corpus.jsonl", Documents(200));
        var manifest = DatasetPreparer.Prepare([corpus], dir.File("out"), new ByteTokenizer(), validationFraction: 0.2);

        using var dataset = PreparedDataset.Open(dir.File("out"));
        Assert.Equal(200, manifest.Train.Documents + manifest.Validation.Documents);
        Assert.InRange(manifest.Validation.Documents, 20, 60);
        Assert.Equal(manifest.Train.Tokens, dataset.Train.Count);
        Assert.Equal(256, dataset.VocabularySize);
        string train = new ByteTokenizer().Decode(dataset.Train.ReadAll());
        string validation = new ByteTokenizer().Decode(dataset.Validation.ReadAll());
        for (int i = 0; i < 200; i++)
        {
            string line = $"document {i}: the quick brown fox number {i * 31 % 97} jumps.\n";
            Assert.True(train.Contains(line) ^ validation.Contains(line), $"document {i} must be in exactly one split");
        }
        Assert.Equal(["manifest.json", "train.tokens", "validation.tokens"], Directory.GetFiles(dir.File("out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Split_is_the_same_on_every_run_and_moves_with_the_seed()
    {
        using var dir = new TempDirectory();
        string corpus = dir.Write("corpus.jsonl", Documents(300));
        var first = DatasetPreparer.Prepare([corpus], dir.File("a"), new ByteTokenizer(), 0.1, splitSeed: 1);
        var again = DatasetPreparer.Prepare([corpus], dir.File("b"), new ByteTokenizer(), 0.1, splitSeed: 1);
        var reseeded = DatasetPreparer.Prepare([corpus], dir.File("c"), new ByteTokenizer(), 0.1, splitSeed: 2);

        Assert.Equal(first.Validation.Checksum, again.Validation.Checksum);
        Assert.Equal(File.ReadAllBytes(dir.File("a/train.tokens")), File.ReadAllBytes(dir.File("b/train.tokens")));
        Assert.NotEqual(first.Validation.Checksum, reseeded.Validation.Checksum);
    }

    [Fact]
    public void Folders_are_read_recursively_in_sorted_order()
    {
        using var dir = new TempDirectory();
        dir.Write("corpus/b/2.txt", "second\n");
        dir.Write("corpus/a.txt", "first\n");
        dir.Write("corpus/c/d/3.txt", "third\n");
        Assert.Equal(["a.txt", "2.txt", "3.txt"], CorpusReader.ExpandInputs([dir.File("corpus")]).Select(Path.GetFileName));
    }

    [Fact]
    public void Single_large_file_is_split_into_pieces_so_validation_is_not_empty()
    {
        using var dir = new TempDirectory();
        string text = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"line {i} of one long book\n"));
        string book = dir.Write("book.txt", text);
        var manifest = DatasetPreparer.Prepare([book], dir.File("out"), new ByteTokenizer(), 0.2);

        Assert.True(manifest.Validation.Tokens > 0);
        Assert.True(manifest.Train.Pieces + manifest.Validation.Pieces >= 10);
        Assert.Equal(1, manifest.Train.Documents + manifest.Validation.Documents);
        Assert.Equal(text.Length + 1, manifest.Train.Tokens + manifest.Validation.Tokens);
    }

    [Fact]
    public void Nanogpt_bin_tokens_are_copied_unchanged()
    {
        using var dir = new TempDirectory();
        var tokens = Enumerable.Range(0, 100_000).Select(i => i % 50_257).ToArray();
        File.WriteAllBytes(dir.File("train.bin"), [.. tokens.SelectMany(t => BitConverter.GetBytes((ushort)t))]);
        var manifest = DatasetPreparer.Prepare([dir.File("train.bin")], dir.File("out"), new Cl100kTokenizer(), 0.3);

        using var dataset = PreparedDataset.Open(dir.File("out"));
        Assert.Equal(tokens.Length, manifest.Train.Tokens + manifest.Validation.Tokens);
        Assert.Equal("cl100k", dataset.Train.TokenizerName);
        Assert.Equal(4, dataset.Train.Header.BytesPerToken);
    }

    [Fact]
    public void Bin_tokens_beyond_the_vocabulary_are_rejected_with_the_file_name()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("gpt2.bin"), [.. new[] { 10, 50_256 }.SelectMany(t => BitConverter.GetBytes((ushort)t))]);
        var error = Assert.Throws<UserError>(() => DatasetPreparer.Prepare([dir.File("gpt2.bin")], dir.File("out"), new ByteTokenizer()));
        Assert.Contains("gpt2.bin: token 50256 at position 1", error.Message);
    }

    [Fact]
    public void Jsonl_line_without_text_is_rejected_with_its_line_number()
    {
        using var dir = new TempDirectory();
        string corpus = dir.Write("bad.jsonl", "{\"text\": \"fine\"}\n\n{\"body\": \"no text here\"}\n");
        var error = Assert.Throws<UserError>(() => DatasetPreparer.Prepare([corpus], dir.File("out"), new ByteTokenizer()));
        Assert.Contains("bad.jsonl:3:", error.Message);
        Assert.Contains("no \"text\" field", error.Message);
    }

    [Fact]
    public void Jsonl_line_that_is_not_json_is_rejected_with_its_line_number()
    {
        using var dir = new TempDirectory();
        string corpus = dir.Write("bad.jsonl", "{\"text\": \"fine\"}\n{\"text\": \"unterminated\n");
        var error = Assert.Throws<UserError>(() => DatasetPreparer.Prepare([corpus], dir.File("out"), new ByteTokenizer()));
        Assert.Contains("bad.jsonl:2: not valid JSON", error.Message);
    }

    [Fact]
    public void Binary_junk_in_a_text_file_is_rejected_with_its_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("junk.txt"), [.. "line one\nline two\n"u8, 0x00, 0x13, 0xFF]);
        var error = Assert.Throws<UserError>(() => DatasetPreparer.Prepare([dir.File("junk.txt")], dir.File("out"), new ByteTokenizer()));
        Assert.Contains("junk.txt:3: not a text file", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_text_file_is_rejected_with_its_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("latin1.txt"), [.. "ok\ncaf"u8, 0xE9, .. "\n"u8]);
        var error = Assert.Throws<UserError>(() => DatasetPreparer.Prepare([dir.File("latin1.txt")], dir.File("out"), new ByteTokenizer()));
        Assert.Contains("latin1.txt:2: not UTF-8 text", error.Message);
    }

    [Fact]
    public void Missing_input_is_rejected_with_its_name()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<UserError>(() => DatasetPreparer.Prepare([dir.File("nope.txt")], dir.File("out"), new ByteTokenizer()));
        Assert.Contains("nope.txt: no such file or folder", error.Message);
    }

    [Fact]
    public void Empty_corpus_is_rejected()
    {
        using var dir = new TempDirectory();
        dir.Write("empty.txt", "");
        var error = Assert.Throws<UserError>(() => DatasetPreparer.Prepare([dir.File("empty.txt")], dir.File("out"), new ByteTokenizer()));
        Assert.Contains("the corpus is empty", error.Message);
    }

    [Fact]
    public void Failed_preparation_leaves_no_partial_files()
    {
        using var dir = new TempDirectory();
        string corpus = dir.Write("bad.jsonl", Documents(50) + "\nnot json\n");
        Assert.Throws<UserError>(() => DatasetPreparer.Prepare([corpus], dir.File("out"), new ByteTokenizer()));
        Assert.Empty(Directory.GetFiles(dir.File("out")));
    }

    [Fact]
    public void Dataset_whose_shard_was_replaced_is_rejected()
    {
        using var dir = new TempDirectory();
        string corpus = dir.Write("corpus.jsonl", Documents(100));
        DatasetPreparer.Prepare([corpus], dir.File("a"), new ByteTokenizer(), 0.2, splitSeed: 1);
        DatasetPreparer.Prepare([corpus], dir.File("b"), new ByteTokenizer(), 0.2, splitSeed: 2);
        File.Copy(dir.File("b/validation.tokens"), dir.File("a/validation.tokens"), overwrite: true);

        var error = Assert.Throws<UserError>(() => PreparedDataset.Open(dir.File("a")));
        Assert.Contains("does not match", error.Message);
    }

    [Fact]
    public void Dataset_folder_inside_the_input_folder_is_not_read_back_as_text()
    {
        using var dir = new TempDirectory();
        dir.Write("corpus/docs.jsonl", Documents(100));
        string output = dir.File("corpus/prepared");
        var first = DatasetPreparer.Prepare([dir.File("corpus")], output, new ByteTokenizer(), 0.2);
        var second = DatasetPreparer.Prepare([dir.File("corpus")], output, new ByteTokenizer(), 0.2);
        Assert.Equal(first.Train.Checksum, second.Train.Checksum);
    }

    [Fact]
    public void Output_that_is_a_file_is_rejected()
    {
        using var dir = new TempDirectory();
        string corpus = dir.Write("a.txt", "hello\n");
        var error = Assert.Throws<UserError>(() => DatasetPreparer.Prepare([corpus], corpus, new ByteTokenizer()));
        Assert.Contains("is a file", error.Message);
    }
}
