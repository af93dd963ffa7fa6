from claims import memory


def test_freed_memory_is_handed_back_once_every_so_many_articles(monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "ARTICLES", iter(range(1, 100)))
    monkeypatch.setattr(memory, "trim_function", lambda: calls.append)
    for _ in range(2 * memory.EVERY + 1):
        memory.after_article()
    assert calls == [0, 0]


def test_no_trimming_where_the_c_library_is_not_glibc(monkeypatch):
    def missing(name):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(memory.ctypes, "CDLL", missing)
    memory.trim_function.cache_clear()
    try:
        assert memory.trim_function() is None
        memory.after_article()
    finally:
        memory.trim_function.cache_clear()
