"""Input projection shared by cells whose kernel acts on `concat([inputs, h])`.

TF1 cells multiply `concat([x, h])` by one kernel `[D + H, G]`. That equals
`x . kernel[:D] + h . kernel[D:]`, and the input half does not depend on the
state, so the drivers compute it for every time step in one large matmul before
the loop (`project_inputs`) and each step only adds the recurrent half
(`recurrent_step()`, which slices the recurrent weights once, outside the loop,
so the backward pass does not scatter a full-kernel gradient at every step).
`call(x, state)` is `recurrent_step()(project_inputs(x), state)`, so both paths
run the same math.
"""

import tensorflow as tf

from tf1compat.cells.base import RNNCell
from tf1compat.options import check_supported_dtype


def matmul_last_axis(x, weights):
    """`x . weights` over the last axis of `x`, for `x` of any rank >= 2."""
    if x.shape.rank == 2:
        return tf.matmul(x, weights)
    flat = tf.matmul(tf.reshape(x, [-1, tf.shape(x)[-1]]), weights)
    return tf.reshape(flat, tf.concat([tf.shape(x)[:-1], tf.shape(weights)[-1:]], 0))


class ProjectedInputsMixin:
    """Cells that split each step into an input projection and a recurrent update.

    A subclass defines `_input_kernels()` (the `[D, G]` input-side weights and the
    `[G]` bias) and `recurrent_step()`, returning `step(projected, state) ->
    (output, new_state)`.
    """

    @property
    def steps_split(self):
        """Whether the drivers may run `project_inputs` + `recurrent_step` for this cell.

        Only when a step is provably this class family's own: a subclass overriding
        `call` or `__call__` (to change the outputs, say) is run through them instead.
        """
        cls = type(self)
        return cls.call is ProjectedInputsMixin.call and cls.__call__ is RNNCell.__call__

    def project_inputs(self, inputs):
        """The state-independent part of a step for `inputs` of shape `[..., D]`."""
        check_supported_dtype(inputs.dtype, "inputs.dtype")
        kernel, bias = self._input_kernels()
        return tf.nn.bias_add(matmul_last_axis(inputs, kernel), bias)

    def call(self, inputs, state):
        return self.recurrent_step()(self.project_inputs(inputs), state)
