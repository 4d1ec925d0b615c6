"""contrib.rnn's cells refuse what TF 1.15 refused, with errors naming the argument and the
value received."""

import pytest
import tensorflow as tf

import tf1compat

R = tf1compat.contrib.rnn
X = tf.ones([2, 5])
SEQUENCE = tf.ones([3, 2, 5])  # time-major


def step(cell, inputs=X):
    return cell(inputs, cell.zero_state(2, tf.float32))


@pytest.mark.parametrize("make, error, message", [
    (lambda: R.GLSTMCell(5, number_of_groups=2), ValueError,
     r"Received: num_units=5, number_of_groups=2"),
    (lambda: R.GLSTMCell(4, num_proj=3, number_of_groups=2), ValueError,
     r"Received: num_proj=3, number_of_groups=2"),
    (lambda: R.AttentionCellWrapper(R.GRUCell(3), attn_length=0), ValueError,
     r"Received: attn_length=0"),
    (lambda: R.AttentionCellWrapper(R.LSTMCell(3), 2, state_is_tuple=False), ValueError,
     r"Received: cell.state_size=LSTMStateTuple\(c=3, h=3\), state_is_tuple=False"),
    (lambda: R.AttentionCellWrapper("lstm", 2), TypeError, r"Received: cell='lstm'"),
    (lambda: R.HighwayWrapper(3), TypeError, r"Received: cell=3"),
    (lambda: R.GridLSTMCell(3), ValueError, r"Received: num_frequency_blocks=None"),
    (lambda: R.ConvLSTMCell(2, [4, 2], 3, [3, 3]), ValueError,
     r"Received: input_shape=\[4, 2\], conv_ndims=2"),
    (lambda: R.ConvLSTMCell(4, [4, 4, 4, 4, 2], 3, [3] * 4), ValueError, r"conv_ndims=4"),
    (lambda: R.FusedRNNCell(), TypeError, r"abstract"),
    (lambda: R.LSTMBlockWrapper(), TypeError, r"abstract"),
])
def test_constructor_errors(make, error, message):
    with pytest.raises(error, match=message):
        make()


@pytest.mark.parametrize("call, error, message", [
    (lambda: step(R.GLSTMCell(4, number_of_groups=2)), ValueError,
     r"input size \(5\) must be divisible by number_of_groups \(2\)"),
    (lambda: step(R.IntersectionRNNCell(4)), ValueError,
     r"Received: input depth 5, num_units=4, num_in_proj=None"),
    (lambda: step(R.CoupledInputForgetGateLSTMCell(2, num_proj=3, num_proj_shards=3)),
     ValueError, r"W_P \[2, 3\] has 2 rows. Received: num_proj_shards=3"),
    (lambda: step(R.TimeFreqLSTMCell(2, feature_size=2, num_unit_shards=7)),
     ValueError, r"W \[6, 8\] has 6 rows. Received: num_unit_shards=7"),
    (lambda: step(R.GridLSTMCell(2, feature_size=2, frequency_skip=1,
                                 num_frequency_blocks=[3])), ValueError,
     r"requires 4 but gets 3.*Received: num_frequency_blocks=\[3\]"),
    (lambda: step(R.GridLSTMCell(2, feature_size=2, frequency_skip=1, num_frequency_blocks=[1, 1])),
     ValueError, r"Received: num_frequency_blocks=\[1, 1\]"),
    (lambda: step(R.GridLSTMCell(2, feature_size=2, frequency_skip=1, num_frequency_blocks=[1],
                                 start_freqindex_list=[0], end_freqindex_list=[2, 4])),
     ValueError, r"Received: start_freqindex_list=\[0\], end_freqindex_list=\[2, 4\]"),
    (lambda: step(R.TimeFreqLSTMCell(2)), ValueError, r"Received: feature_size=None"),
    (lambda: step(R.HighwayWrapper(R.GRUCell(3))), ValueError,
     r"Received: inputs.shape=\(2, 5\), outputs.shape=\(2, 3\)"),
    (lambda: step(R.PhasedLSTMCell(3)), ValueError,
     r"takes `\(time, x\)`.*Received: inputs shapes"),
    (lambda: step(R.NASCell(3), tf.ones([2, 3, 4])), ValueError,
     r"Received: inputs.shape=\(2, 3, 4\)"),
    (lambda: R.LSTMBlockFusedCell(3)(tf.unstack(SEQUENCE), dtype=tf.float32), ValueError,
     r"not a list of steps: stack them. Received: 3 tensors"),
    (lambda: R.LSTMBlockFusedCell(3)(SEQUENCE[0], dtype=tf.float32), ValueError,
     r"Received: inputs.shape=\(2, 5\)"),
    (lambda: R.LSTMBlockFusedCell(3)(SEQUENCE), ValueError,
     r"Received: initial_state=None, dtype=None"),
    (lambda: R.LSTMBlockFusedCell(3)(SEQUENCE, initial_state=(tf.zeros([2, 3]),)), ValueError,
     r"Received: initial_state=\(<tf.Tensor"),
    (lambda: R.best_effort_input_batch_size([tf.zeros([4])]), ValueError,
     r"Received: input of shape \(4,\)"),
])
def test_call_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_fused_rnns_keep_list_inputs_as_lists():
    steps = tf.unstack(SEQUENCE)
    adaptor = R.FusedRNNCellAdaptor(R.GRUCell(3))
    outputs, _ = R.TimeReversedFusedRNN(adaptor)(steps, dtype=tf.float32)
    assert isinstance(outputs, list) and len(outputs) == 3
    outputs, _ = R.FusedRNNCellAdaptor(R.GRUCell(3), use_dynamic_rnn=True)(steps,
                                                                            dtype=tf.float32)
    assert isinstance(outputs, list) and outputs[0].shape == (2, 3)


def test_small_helpers_keep_static_shapes():
    assert R.transpose_batch_time(tf.zeros([2, 5, 3])).shape == (5, 2, 3)
    assert R.transpose_batch_time(tf.zeros([4])).shape == (4,)
    assert R.best_effort_input_batch_size([tf.zeros([7, 3, 2])]) == 3

    @tf.function(input_signature=[tf.TensorSpec([None, None, 2])])
    def dynamic(x):
        assert R.transpose_batch_time(x).shape.as_list() == [None, None, 2]
        return R.best_effort_input_batch_size([x])

    assert int(dynamic(tf.zeros([3, 6, 2]))) == 6
