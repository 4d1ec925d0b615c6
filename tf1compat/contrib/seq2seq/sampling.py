"""TF1's seeded draws for the sampling helpers: the same ops, shapes and seeds as contrib."""

import tensorflow as tf


def bernoulli_sample(probs, dtype=tf.int32, sample_shape=(), seed=None):
    """TF1's scheduling coin: `random_uniform(shape, seed) < probs`, cast to `dtype`."""
    probs = tf.convert_to_tensor(probs)
    batch_shape = tf.shape(probs)
    return _call_sampler(lambda n: tf.cast(tf.less(
        tf.random.uniform(tf.concat([[n], batch_shape], 0), seed=seed, dtype=probs.dtype),
        probs), dtype), sample_shape)


def categorical_sample(logits, dtype=tf.int32, sample_shape=(), seed=None):
    """TF1's categorical draw: one `multinomial` per row of `logits`, cast to `dtype`."""
    logits = tf.convert_to_tensor(logits)
    classes = tf.shape(logits)[-1]
    batch_shape = tf.shape(logits)[:-1]

    def draw(n):
        flat = logits if logits.shape.rank == 2 else tf.reshape(logits, [-1, classes])
        draws = tf.random.categorical(flat, n, seed=seed,
                                      dtype=tf.int64 if logits.dtype.size > 4 else tf.int32)
        return tf.cast(tf.reshape(tf.transpose(draws), tf.concat([[n], batch_shape], 0)), dtype)

    return _call_sampler(draw, sample_shape)


def _call_sampler(draw, sample_shape):
    """`draw(n)` for `n = prod(sample_shape)`, reshaped to `sample_shape + batch_shape`."""
    sample_shape = tf.convert_to_tensor(sample_shape, tf.int32)
    sample_shape = tf.reshape(sample_shape, [-1])  # a scalar shape means one dimension
    samples = draw(tf.reduce_prod(sample_shape))
    return tf.reshape(samples, tf.concat([sample_shape, tf.shape(samples)[1:]], 0))
