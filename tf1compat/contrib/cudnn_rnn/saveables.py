"""`Cudnn*Saveable`: a cuDNN layer's opaque buffer saved and restored as the compatible
cells' variables, so that TF1 checkpoints of either kind restore into the other.

A TF1 `Saver` checkpoint of a `CudnnLSTM` holds its opaque buffer (`.../opaque_kernel`)
and, through this saveable (in `tf.compat.v1.GraphKeys.SAVEABLE_OBJECTS`), the canonical
weights under the names of the compatible cells: `<scope>/rnn/multi_rnn_cell/cell_{i}/
cudnn_compatible_lstm_cell/kernel` (bidirectional: `<scope>/stack_bidirectional_rnn/
cell_{i}/bidirectional_rnn/{fw,bw}/...`). This uses TensorFlow's internal
`SaveableObject` (present from TF 2.16 to 2.21 at least), which `Saver` understands.
"""

import tensorflow as tf
from tensorflow.python.training.saving import saveable_object

from tf1compat.contrib.cudnn_rnn.converters import (CUDNN_INPUT_LINEAR_MODE,
                                                    CUDNN_RNN_UNIDIRECTION,
                                                    CudnnParamsFormatConverterGRU,
                                                    CudnnParamsFormatConverterLSTM,
                                                    CudnnParamsFormatConverterRelu,
                                                    CudnnParamsFormatConverterTanh)


class _OpaqueParamsSaveable(saveable_object.SaveableObject):
    """Saves an opaque buffer as TF canonical weights; restores it from them (graph mode).

    Args:
        opaque_params: The variable holding the opaque buffer.
        num_layers, num_units, input_size, input_mode, direction: The model's
            configuration (see the `CudnnParamsFormatConverter*` classes).
        scope: Variable scope (or its name) prefixed to the canonical names.
        name: Name of the saveable.
    """

    _converter_class = None
    _cell_name = None
    _weight_names = ("kernel",)
    _bias_names = ("bias",)

    def __init__(self, opaque_params, num_layers, num_units, input_size,
                 input_mode=CUDNN_INPUT_LINEAR_MODE, direction=CUDNN_RNN_UNIDIRECTION,
                 scope=None, name="cudnn_rnn_saveable"):
        self._variables = opaque_params
        self._converter = self._converter_class(num_layers, num_units, input_size,
                                                input_mode=input_mode, direction=direction)
        scope = scope.name if isinstance(scope, tf.compat.v1.VariableScope) else scope
        prefixes = _cell_prefixes(num_layers, direction, self._cell_name)
        names = [f"{prefix}/{name}" for kind in (self._weight_names, self._bias_names)
                 for prefix in prefixes for name in kind]
        weights, biases = self._converter.opaque_to_tf_canonical(opaque_params)
        specs = [saveable_object.SaveSpec(tensor, "", f"{scope}/{name}" if scope else name)
                 for tensor, name in zip(weights + biases, names)]
        super().__init__(tf.identity(opaque_params), specs, name)

    @property
    def format_converter(self):
        """The `CudnnParamsFormatConverter*` of this model."""
        return self._converter

    def restore(self, restored_tensors, restored_shapes):
        """Assigns the opaque buffer made of the restored canonical weights.

        When the same `Saver` also restores the raw opaque buffer (a TF1 checkpoint holds
        both), this assignment runs after it: the canonical weights decide, whatever the
        GPU's packing of the raw buffer was. TF1 left the two assignments unordered.
        """
        del restored_shapes  # the canonical shapes are known
        tensors = [tf.ensure_shape(tensor, spec.tensor.shape)
                   for tensor, spec in zip(restored_tensors, self.specs)]
        opaque = self._converter.tf_canonical_to_opaque(tensors)
        with tf.control_dependencies(_raw_restores(self._variables, restored_tensors[0])):
            return tf.compat.v1.assign(self._variables, opaque, validate_shape=False)


def _cell_prefixes(num_layers, direction, cell_name):
    """The scope of each compatible cell, per layer and direction (cuDNN's order)."""
    if direction == CUDNN_RNN_UNIDIRECTION:
        return [f"rnn/multi_rnn_cell/cell_{i}/{cell_name}" for i in range(num_layers)]
    return [f"stack_bidirectional_rnn/cell_{i}/bidirectional_rnn/{side}/{cell_name}"
            for i in range(num_layers) for side in ("fw", "bw")]


def _raw_restores(variable, restored):
    """The assignments of `variable` that the `RestoreV2` op making `restored` feeds."""
    source = restored.op
    return [op for op in variable.graph.get_operations()
            if op.type in ("AssignVariableOp", "Assign") and op.inputs[0].op is variable.op
            and _comes_from(op.inputs[1], source)]


def _comes_from(tensor, source):
    while tensor.op.type in ("Identity", "Reshape"):
        tensor = tensor.op.inputs[0]
    return tensor.op is source


class CudnnLSTMSaveable(_OpaqueParamsSaveable):
    """A `CudnnLSTM`'s buffer as `cudnn_compatible_lstm_cell/kernel` and `bias` per layer."""

    _converter_class = CudnnParamsFormatConverterLSTM
    _cell_name = "cudnn_compatible_lstm_cell"


class CudnnGRUSaveable(_OpaqueParamsSaveable):
    """A `CudnnGRU`'s buffer as the variables of `cudnn_compatible_gru_cell` per layer."""

    _converter_class = CudnnParamsFormatConverterGRU
    _cell_name = "cudnn_compatible_gru_cell"
    _weight_names = ("gates/kernel", "candidate/input_projection/kernel",
                     "candidate/hidden_projection/kernel")
    _bias_names = ("gates/bias", "candidate/input_projection/bias",
                   "candidate/hidden_projection/bias")


class CudnnRNNTanhSaveable(_OpaqueParamsSaveable):
    """A `CudnnRNNTanh`'s buffer as `basic_rnn_cell/kernel` and `bias` per layer."""

    _converter_class = CudnnParamsFormatConverterTanh
    _cell_name = "basic_rnn_cell"


class CudnnRNNReluSaveable(_OpaqueParamsSaveable):
    """A `CudnnRNNRelu`'s buffer as `basic_rnn_cell/kernel` and `bias` per layer."""

    _converter_class = CudnnParamsFormatConverterRelu
    _cell_name = "basic_rnn_cell"
