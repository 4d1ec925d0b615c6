"""Synthetic variable-length sequences: is the sum of the first feature positive?"""

import numpy as np


def make_batch(batch_size, max_time, depth, seed):
    rng = np.random.RandomState(seed)
    lengths = rng.randint(1, max_time + 1, size=batch_size).astype(np.int32)
    inputs = rng.normal(size=(batch_size, max_time, depth)).astype(np.float32)
    mask = np.arange(max_time)[None, :] < lengths[:, None]
    inputs *= mask[:, :, None]
    labels = (inputs[:, :, 0].sum(axis=1) > 0).astype(np.int32)
    return inputs, lengths, labels
