package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

func testPod(ns, name, ip string, lbl map[string]string, mut ...func(*corev1.Pod)) *corev1.Pod {
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: lbl},
		Spec:       corev1.PodSpec{NodeName: "n1"},
		Status:     corev1.PodStatus{Phase: corev1.PodRunning, PodIP: ip},
	}
	for _, m := range mut {
		m(p)
	}
	return p
}

func testNS(name string, lbl map[string]string) *corev1.Namespace {
	l := map[string]string{"kubernetes.io/metadata.name": name}
	for k, v := range lbl {
		l[k] = v
	}
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: l}}
}

func sel(kv ...string) *metav1.LabelSelector {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return &metav1.LabelSelector{MatchLabels: m}
}

var (
	tcp  = corev1.ProtocolTCP
	udp  = corev1.ProtocolUDP
	port = func(p int) *intstr.IntOrString { v := intstr.FromInt32(int32(p)); return &v }
	name = func(n string) *intstr.IntOrString { v := intstr.FromString(n); return &v }
)

func cluster() ([]*corev1.Pod, []*corev1.Namespace) {
	withPort := func(p *corev1.Pod) {
		p.Spec.Containers = []corev1.Container{{Name: "c", Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}}}}
	}
	pods := []*corev1.Pod{
		testPod("a", "a1", "10.244.0.11", map[string]string{"app": "server"}, withPort),
		testPod("a", "a2", "10.244.0.12", map[string]string{"app": "client"}),
		testPod("a", "probe", "10.244.0.13", map[string]string{"labs.dev/role": "probe"}),
		testPod("b", "b1", "10.244.0.21", map[string]string{"app": "server"}, withPort),
		testPod("b", "remote", "10.244.1.5", map[string]string{"app": "server"}, func(p *corev1.Pod) { p.Spec.NodeName = "n2" }),
		testPod("b", "host", "192.0.2.2", nil, func(p *corev1.Pod) { p.Spec.HostNetwork = true }),
		testPod("b", "done", "10.244.0.99", nil, func(p *corev1.Pod) { p.Status.Phase = corev1.PodSucceeded }),
		testPod("b", "pending", "", nil),
	}
	return pods, []*corev1.Namespace{testNS("a", map[string]string{"team": "x"}), testNS("b", nil)}
}

func policy(ns, nm string, spec networkingv1.NetworkPolicySpec) *networkingv1.NetworkPolicy {
	return &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: nm}, Spec: spec}
}

// nftCheck validates a ruleset against the kernel without loading it
// (nft -c), when nft is installed and we are root.
func nftCheck(t *testing.T, text string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	if _, err := exec.LookPath("nft"); err != nil {
		return
	}
	cmd := exec.Command("nft", "-c", "-f", "-")
	cmd.Stdin = strings.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nft -c rejects the ruleset: %v\n%s\n%s", err, out, text)
	}
}

func mustContain(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("ruleset lacks %q:\n%s", w, text)
		}
	}
}

func TestNoPolicyIsolatesNothing(t *testing.T) {
	pods, nss := cluster()
	text, st := render("t", "n1", true, pods, nss, nil)
	if st.ingress != 0 || st.egress != 0 || st.pods != 5 {
		t.Fatalf("stats %+v", st)
	}
	mustContain(t, text, "table ip t\ndelete table ip t\n", "type filter hook forward priority filter - 10; policy accept;",
		"type filter hook input priority filter - 10; policy accept;")
	if strings.Contains(text, "jump") {
		t.Errorf("no pod should be isolated:\n%s", text)
	}
	nftCheck(t, text)
}

func TestDefaultDenyForGrading(t *testing.T) {
	pods, nss := cluster()
	pol := policy("a", "labs-isolate", networkingv1.NetworkPolicySpec{
		PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress, networkingv1.PolicyTypeEgress},
		Ingress: []networkingv1.NetworkPolicyIngressRule{{From: []networkingv1.NetworkPolicyPeer{
			{PodSelector: &metav1.LabelSelector{}},
			{PodSelector: sel("labs.dev/role", "probe")},
		}}},
		Egress: []networkingv1.NetworkPolicyEgressRule{
			{To: []networkingv1.NetworkPolicyPeer{{PodSelector: &metav1.LabelSelector{}}}},
			{
				Ports: []networkingv1.NetworkPolicyPort{{Protocol: &udp, Port: port(53)}, {Protocol: &tcp, Port: port(53)}},
				To:    []networkingv1.NetworkPolicyPeer{{IPBlock: &networkingv1.IPBlock{CIDR: "192.0.2.2/32"}}},
			},
		},
	})
	text, st := render("t", "n1", true, pods, nss, []*networkingv1.NetworkPolicy{pol})
	if st.ingress != 3 || st.egress != 3 {
		t.Fatalf("stats %+v", st)
	}
	mustContain(t, text,
		"elements = { 10.244.0.11, 10.244.0.12, 10.244.0.13 }", // namespace a
		"elements = { 10.244.0.13 }",                           // the probe
		"chain in_10_244_0_11 {", "ip saddr 10.244.0.11 accept",
		"chain eg_10_244_0_11 {", "ip daddr 10.244.0.11 return",
		`ip daddr 192.0.2.2/32 meta l4proto udp th dport 53 return comment "a/labs-isolate egress[1]"`,
		"ip daddr 192.0.2.2/32 meta l4proto tcp th dport 53 return",
		"meta l4proto tcp counter reject with tcp reset",
		"10.244.0.11 : jump in_10_244_0_11",
		"10.244.0.11 : jump eg_10_244_0_11",
	)
	if strings.Contains(text, "10.244.0.21 : jump") {
		t.Errorf("b1 is not selected:\n%s", text)
	}
	nftCheck(t, text)
}

func TestPeersPortsAndIPBlocks(t *testing.T) {
	pods, nss := cluster()
	end := int32(9090)
	pols := []*networkingv1.NetworkPolicy{
		// Ingress to b's servers from clients of namespaces labelled team=x,
		// on the named port; and from 10.0.0.0/8 except 10.1.0.0/16 on a range.
		policy("b", "servers", networkingv1.NetworkPolicySpec{
			PodSelector: *sel("app", "server"),
			Ingress: []networkingv1.NetworkPolicyIngressRule{
				{
					From:  []networkingv1.NetworkPolicyPeer{{NamespaceSelector: sel("team", "x"), PodSelector: sel("app", "client")}},
					Ports: []networkingv1.NetworkPolicyPort{{Port: name("http")}},
				},
				{
					From:  []networkingv1.NetworkPolicyPeer{{IPBlock: &networkingv1.IPBlock{CIDR: "10.0.0.0/8", Except: []string{"10.1.0.0/16"}}}},
					Ports: []networkingv1.NetworkPolicyPort{{Protocol: &tcp, Port: port(9000), EndPort: &end}, {Protocol: &udp}},
				},
				{From: []networkingv1.NetworkPolicyPeer{{IPBlock: &networkingv1.IPBlock{CIDR: "fd00::/8"}}}},
			},
		}),
		// No policyTypes: Ingress, plus Egress because there are egress rules.
		// Egress to the named port "http" of any pod.
		policy("a", "clients", networkingv1.NetworkPolicySpec{
			PodSelector: *sel("app", "client"),
			Egress:      []networkingv1.NetworkPolicyEgressRule{{Ports: []networkingv1.NetworkPolicyPort{{Port: name("http")}}}},
		}),
		policy("a", "broken", networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "x", Operator: "Bogus"}}},
		}),
	}
	text, st := render("t", "n1", false, pods, nss, pols)
	// b1 (local) for ingress; a2 for ingress and egress; remote is not ours.
	if st.ingress != 2 || st.egress != 1 || len(st.warnings) != 2 {
		t.Fatalf("stats %+v", st)
	}
	mustContain(t, text,
		"ip saddr @ips_1 meta l4proto tcp th dport 8080 accept", // a2 only
		"elements = { 10.244.0.12 }",
		"ip saddr 10.0.0.0/8 ip saddr != { 10.1.0.0/16 } meta l4proto tcp th dport 9000-9090 accept",
		"ip saddr 10.0.0.0/8 ip saddr != { 10.1.0.0/16 } meta l4proto udp accept",
		"type ipv4_addr . inet_proto . inet_service",
		"elements = { 10.244.0.11 . tcp . 8080, 10.244.0.21 . tcp . 8080 }",
		"ip daddr . meta l4proto . th dport @ports_",
		"counter drop",
	)
	if strings.Contains(text, "10.244.1.5 : jump") || strings.Contains(text, "reject") {
		t.Errorf("remote pod isolated or reject used:\n%s", text)
	}
	nftCheck(t, text)
}

func TestSameAddressTwiceKeepsTheNewerPod(t *testing.T) {
	old := testPod("a", "old", "10.244.0.50", map[string]string{"app": "server"})
	old.CreationTimestamp = metav1.Unix(100, 0)
	cur := testPod("b", "new", "10.244.0.50", map[string]string{"app": "other"})
	cur.CreationTimestamp = metav1.Unix(200, 0)
	pol := policy("a", "deny", networkingv1.NetworkPolicySpec{})
	for _, order := range [][]*corev1.Pod{{old, cur}, {cur, old}} {
		_, st := render("t", "n1", true, order, nil, []*networkingv1.NetworkPolicy{pol})
		if st.pods != 1 || st.ingress != 0 {
			t.Fatalf("stats %+v: the old pod's policy applied to the new pod", st)
		}
	}
}

// A pod being deleted may lose its address to a new pod in another namespace
// at any moment: it is nobody's peer, and a policy that selects it admits no
// new connection to or from it (the new pod must not inherit its rules).
func TestTerminatingPodIsNobodysPeer(t *testing.T) {
	pods, nss := cluster()
	now := metav1.Now()
	pods = append(pods, testPod("a", "leaving", "10.244.0.14", map[string]string{"app": "client"}, func(p *corev1.Pod) { p.DeletionTimestamp = &now }))
	pol := policy("a", "labs-isolate", networkingv1.NetworkPolicySpec{
		PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress, networkingv1.PolicyTypeEgress},
		Ingress:     []networkingv1.NetworkPolicyIngressRule{{From: []networkingv1.NetworkPolicyPeer{{PodSelector: &metav1.LabelSelector{}}}}},
		Egress:      []networkingv1.NetworkPolicyEgressRule{{To: []networkingv1.NetworkPolicyPeer{{PodSelector: &metav1.LabelSelector{}}}}},
	})
	text, _ := render("t", "n1", true, pods, nss, []*networkingv1.NetworkPolicy{pol})
	if strings.Contains(text, "10.244.0.14,") || strings.Contains(text, ", 10.244.0.14 }") || strings.Contains(text, "{ 10.244.0.14 }") {
		t.Errorf("a terminating pod's address is in a peer set:\n%s", text)
	}
	chain := text[strings.Index(text, "chain in_10_244_0_14"):]
	chain = chain[:strings.Index(chain, "}")]
	if strings.Count(chain, "accept") != 1 { // only its own address, to itself
		t.Errorf("a terminating pod still admits peers:\n%s", chain)
	}
	nftCheck(t, text)
}
