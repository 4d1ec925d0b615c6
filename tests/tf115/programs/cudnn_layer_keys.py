"""What a TF 1.15 checkpoint of each cuDNN layer holds, read from the graph TF 1.15 builds.

The layers need a GPU to run on TF 1.15, but not to be built: the `Saver`'s `SaveV2` op
lists the checkpoint keys. Runs on TF 1.15 and on tf1compat alike (the layers' module is
the program's only difference); writes `<dir>/<side>_keys.json`: per case, the global
variables, the saveables, the checkpoint keys in order, and the static shapes of the
outputs and states.
"""

import json
import os
import sys

import tensorflow as tf

if tf.__version__.startswith("1."):
    SIDE, cudnn_rnn = "tf115", tf.contrib.cudnn_rnn
else:
    from tf1compat.contrib import cudnn_rnn
    SIDE = "tf1compat"
    tf.compat.v1.disable_v2_behavior()

CASES = [
    ("CudnnLSTM", dict(num_layers=2, num_units=4), "outer", False),
    ("CudnnGRU", dict(num_layers=2, num_units=3, direction="bidirectional"), "", False),
    ("CudnnRNNTanh", dict(num_layers=1, num_units=5, name="tanh"), "outer", False),
    ("CudnnRNNRelu", dict(num_layers=3, num_units=2, direction="bidirectional"), "", False),
    ("CudnnLSTM", dict(num_layers=2, num_units=4), "outer", True),  # layer.build() first
]

found = {}
for number, (kind, kwargs, scope, build_first) in enumerate(CASES):
    graph = tf.Graph()
    with graph.as_default():
        inputs = tf.compat.v1.placeholder(tf.float32, [None, None, 3])
        with tf.compat.v1.variable_scope(scope or None, default_name="top"):
            layer = getattr(cudnn_rnn, kind)(**kwargs)
            if build_first:
                layer.build([None, None, 3])
            outputs, states = layer(inputs)
        saver = tf.compat.v1.train.Saver()
        save = [op for op in graph.get_operations() if op.type == "SaveV2"][0]
        keys = [name.decode() for name in tf.make_ndarray(save.inputs[1].op.get_attr("value"))]
        found["%d %s" % (number, kind)] = {
            "variables": [v.op.name for v in tf.compat.v1.global_variables()],
            "saveables": [s.name for s in tf.compat.v1.get_collection(
                tf.compat.v1.GraphKeys.SAVEABLE_OBJECTS)],
            "keys": keys,
            "shapes": [str(t.shape) for t in [outputs] + list(states)],
        }
with open(os.path.join(sys.argv[1], SIDE + "_keys.json"), "w") as out:
    json.dump(found, out, indent=1, sort_keys=True)
