"""No progress bars: tqdm/trange are plain iterators."""


def tqdm(iterable=None, *args, **kwargs):
    return iterable


def trange(*args, **kwargs):
    kwargs.pop("file", None)
    kwargs.pop("mininterval", None)
    return range(*args)
