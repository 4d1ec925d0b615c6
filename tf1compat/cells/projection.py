"""The affine maps of cells whose kernels act on `concat([inputs, h])`, two ways.

TF1 cells multiply `concat([x, h])` by a kernel `[D + H, G]` (GRU has two such maps).
Called directly, a cell does exactly that, one matmul per map, as TF1 did. The drivers
instead use `x . kernel[:D] + h . kernel[D:]`: the input half does not depend on the
state, so `project_inputs` computes it for every time step in one large matmul before
the loop, and each step (`recurrent_step()`) only adds the recurrent half (its weights
sliced once, outside the loop, so the backward pass does not scatter a full-kernel
gradient at every step). Both ways run a cell's one `_step` with their own affine maps.
"""

import tensorflow as tf

from tf1compat.cells.base import RNNCell
from tf1compat.options import check_supported_dtype
from tf1compat.shapes import static_dim


def matmul_last_axis(x, weights):
    """`x . weights` over the last axis of `x`, for `x` of any rank >= 2."""
    if x.shape.rank == 2:
        return tf.matmul(x, weights)
    flat = tf.matmul(tf.reshape(x, [-1, tf.shape(x)[-1]]), weights)
    return tf.reshape(flat, tf.concat([tf.shape(x)[:-1], tf.shape(weights)[-1:]], 0))


class ProjectedInputsMixin:
    """Cells made of affine maps of `concat([inputs, h])` followed by elementwise math.

    A subclass defines `_kernels()`, the `([D + H_i, G_i] kernel, [G_i] bias)` of each map,
    and `_step(state, affine)`, one step where `affine(i, h_part)` is map `i` applied to
    `concat([inputs, h_part])`, returning `(output, new_state)`.
    """

    @property
    def steps_split(self):
        """Whether the drivers may run `project_inputs` + `recurrent_step` for this cell.

        Only when a step is provably this class family's own: a subclass overriding
        `call` or `__call__` (to change the outputs, say) is run through them instead.
        """
        cls = type(self)
        return cls.call is ProjectedInputsMixin.call and cls.__call__ is RNNCell.__call__

    def call(self, inputs, state):
        """One step as TF1 computed it: each map multiplies `concat([inputs, h])` at once."""
        check_supported_dtype(inputs.dtype, "inputs.dtype")
        kernels = self._kernels()

        def affine(i, h_part):
            kernel, bias = kernels[i]
            return tf.nn.bias_add(tf.matmul(tf.concat([inputs, h_part], 1), kernel), bias)

        return self._step(state, affine)

    def project_inputs(self, inputs):
        """The input halves of every map, for `inputs` of shape `[..., D]`, in one matmul."""
        check_supported_dtype(inputs.dtype, "inputs.dtype")
        kernels = self._kernels()
        kernel = tf.concat([k[: self._depth] for k, _ in kernels], 1) if len(kernels) > 1 \
            else kernels[0][0][: self._depth]
        bias = tf.concat([b for _, b in kernels], 0) if len(kernels) > 1 else kernels[0][1]
        return tf.nn.bias_add(matmul_last_axis(inputs, kernel), bias)

    def recurrent_step(self):
        """`step(projected, state) -> (output, new_state)` on `project_inputs`' output."""
        kernels = self._kernels()
        recurrent = [k[self._depth:] for k, _ in kernels]
        sizes = [static_dim(b.shape, -1) for _, b in kernels]

        def step(projected, state):
            parts = tf.split(projected, sizes, axis=-1) if len(sizes) > 1 else [projected]
            return self._step(state, lambda i, h_part: parts[i] + tf.matmul(h_part, recurrent[i]))

        return step
