"""InOrder hands results back in the order they were asked for."""

from twisted.python.failure import Failure

from newsbot.inorder import InOrder


def test_results_are_delivered_in_the_order_the_calls_were_made():
    order, fired = InOrder(), []
    calls = [order.take() for _ in range(4)]
    for number, d in calls:
        d.addCallbacks(lambda r, n=number: fired.append((n, r)), lambda f, n=number: fired.append((n, f.value.args[0])))
    order.settle(2, "c")
    order.settle(1, Failure(ValueError("b")))
    assert fired == []
    order.settle(0, "a")
    assert fired == [(0, "a"), (1, "b"), (2, "c")]
    order.settle(3, "d")
    assert fired[-1] == (3, "d")
