from types import SimpleNamespace

import numpy as np
import pytest
from slovnet.exec.model import CRF, BatchNorm1d, CNNEncoder, CNNEncoderLayer, Conv1d, NavecEmbedding, ReLU, Weight

from claims.taggers import FastCNNEncoder, FastCRF, FastNavec, SharedWords, share_words, speed_up


def weight(rng, *shape, low=-1.0, high=1.0):
    array = rng.uniform(low, high, shape).astype(np.float32)
    return Weight(shape, "float32", array)


def slovnet_encoder(rng, sizes, kernel=3):
    layers = []
    for channels, filters in zip(sizes, sizes[1:]):
        conv = Conv1d(weight(rng, filters, channels, kernel), weight(rng, filters), (kernel - 1) // 2)
        norm = BatchNorm1d(
            weight(rng, filters), weight(rng, filters), weight(rng, filters), weight(rng, filters, low=0.5, high=2.0)
        )
        layers.append(CNNEncoderLayer(conv, ReLU(), norm))
    return CNNEncoder(layers)


@pytest.mark.parametrize(
    "sizes, kernel, lengths",
    [
        ([6, 5, 4], 3, [7, 7]),
        ([6, 5, 4], 3, [7, 3, 1]),
        ([10, 8], 5, [9, 4]),
        ([4, 4, 4, 2], 3, [1]),
    ],
)
def test_fast_encoder_computes_what_slovnets_does(sizes, kernel, lengths):
    rng = np.random.default_rng(len(lengths) + kernel)
    encoder = slovnet_encoder(rng, sizes, kernel)
    words = rng.normal(size=(len(lengths), max(lengths), sizes[0])).astype(np.float32)
    pad_mask = np.arange(max(lengths))[np.newaxis, :] >= np.array(lengths)[:, np.newaxis]
    expected = encoder(words.copy(), pad_mask)
    found = FastCNNEncoder(encoder)(words.copy(), pad_mask)
    assert found.shape == expected.shape
    np.testing.assert_allclose(found, expected, rtol=1e-5, atol=1e-5)
    assert not found[pad_mask].any()


@pytest.mark.parametrize("shape", [(2, 5), (1, 1), (3, 7)])
def test_fast_navec_looks_up_the_vectors_slovnet_does(shape):
    rng = np.random.default_rng(sum(shape))
    codes = rng.normal(size=(4, 16, 3)).astype(np.float32)
    indexes = rng.integers(0, 16, size=(50, 4)).astype(np.uint8)
    navec = NavecEmbedding("navec", Weight(indexes.shape, "uint8", indexes), Weight(codes.shape, "float32", codes))
    word_ids = rng.integers(0, 50, size=shape)
    expected = navec(word_ids)
    found = FastNavec(navec)(word_ids)
    assert found.shape == expected.shape == (*shape, 12)
    np.testing.assert_array_equal(found, expected)


@pytest.mark.parametrize("lengths", [[6, 6], [6, 3, 1], [1], [9, 2, 2, 8]])
def test_fast_crf_decodes_the_tags_slovnet_does(lengths):
    rng = np.random.default_rng(len(lengths) * 10 + max(lengths))
    tags = 5
    crf = CRF(weight(rng, tags, tags, low=-2.0, high=2.0))
    emissions = rng.normal(scale=3.0, size=(len(lengths), max(lengths), tags)).astype(np.float32)
    mask = np.arange(max(lengths))[np.newaxis, :] < np.array(lengths)[:, np.newaxis]
    expected = crf.decode(emissions, mask)
    found = FastCRF(crf).decode(emissions, mask)
    assert [path.tolist() for path in found] == [path.tolist() for path in expected]
    assert [len(path) for path in found] == lengths


class Tagger:
    def __init__(self, encoder, word=None):
        emb = SimpleNamespace(word=word)
        self.infer = SimpleNamespace(model=SimpleNamespace(encoder=encoder, emb=emb))


def test_speed_up_swaps_only_a_cnn_encoder():
    cnn = Tagger(slovnet_encoder(np.random.default_rng(0), [4, 3]))
    other = Tagger(object())
    speed_up([cnn, other])
    assert isinstance(cnn.infer.model.encoder, FastCNNEncoder)
    assert not isinstance(other.infer.model.encoder, FastCNNEncoder)


class Navec:
    def __init__(self, codes, indexes):
        self.codes, self.indexes = SimpleNamespace(array=codes), SimpleNamespace(array=indexes)
        self.calls = 0

    def __call__(self, word_ids):
        self.calls += 1
        return self.codes.array[word_ids]


def test_a_batch_s_words_are_looked_up_once_for_the_taggers_that_take_it_in_turn():
    navec = Navec(np.arange(12.0).reshape(6, 2), np.arange(6))
    shared = SharedWords(navec)
    batch, other = np.array([[1, 2]]), np.array([[1, 2]])
    first = shared(batch)
    assert shared(batch) is first and navec.calls == 1
    np.testing.assert_array_equal(shared(other), first)
    assert navec.calls == 2
    shared(batch)
    assert navec.calls == 3  # only the last batch is kept


@pytest.mark.parametrize(
    "same_arrays, shared",
    [(True, True), (False, False)],
)
def test_words_are_shared_only_between_embeddings_of_the_same_arrays(same_arrays, shared):
    codes, indexes = np.zeros((4, 2)), np.arange(4)
    first = Navec(codes, indexes)
    second = Navec(codes if same_arrays else codes.copy(), indexes)
    embeddings = [SimpleNamespace(word=first), SimpleNamespace(word=second)]
    share_words(embeddings)
    assert isinstance(embeddings[0].word, SharedWords) is shared
    assert (embeddings[0].word is embeddings[1].word) is shared


def test_vocabularies_alike_in_content_are_read_once_while_the_taggers_load():
    import gzip

    from slovnet.exec import pack

    from claims.taggers import one_copy_of_each_vocabulary

    words = "<pad>\n<unk>\nсуд\nприговор".encode()
    first, second = gzip.compress(words, mtime=1), gzip.compress(words, mtime=2)
    other = gzip.compress("<pad>\n<unk>\nсуд".encode())
    read = pack.bytes_vocab
    with one_copy_of_each_vocabulary():
        a, b, c = pack.bytes_vocab(first), pack.bytes_vocab(second), pack.bytes_vocab(other)
    assert first != second and a is b and c is not a
    assert a.items == ["<pad>", "<unk>", "суд", "приговор"]
    assert pack.bytes_vocab is read
