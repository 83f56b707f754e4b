package main

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

type stats struct {
	pods, policies, ingress, egress int
	warnings                        []string
}

// A pod that takes part in policy: has an IPv4 address of its own (not host
// network) and is not finished (a finished pod's address may already belong
// to a new pod).
type podInfo struct {
	pod   *corev1.Pod
	ip    string
	local bool
	// Being deleted: its address may be handed to a new pod any moment, in
	// any namespace. It is nobody's peer any more, and if a policy selects it,
	// it takes no new connection either way (a new pod that inherits the
	// address before the controller knows it must not inherit its rules).
	terminating bool
}

// The rules of one isolated pod, in the order they are evaluated.
type target struct {
	info             *podInfo
	ingress, egress  bool
	inRules, egRules []string
}

type renderer struct {
	node     string
	pods     []*podInfo
	nsLabels map[string]map[string]string
	targets  map[string]*target // by IP
	sets     []string           // set definitions
	setNames map[string]string  // content key -> set name
	st       stats
}

// render turns the cluster state into one nft script that replaces the whole
// table atomically (add + delete + define in one transaction).
func render(table, node string, reject bool, pods []*corev1.Pod, nss []*corev1.Namespace, pols []*networkingv1.NetworkPolicy) (string, stats) {
	r := &renderer{
		node:     node,
		nsLabels: map[string]map[string]string{},
		targets:  map[string]*target{},
		setNames: map[string]string{},
	}
	for _, ns := range nss {
		r.nsLabels[ns.Name] = ns.Labels
	}
	r.collectPods(pods)

	pols = append([]*networkingv1.NetworkPolicy(nil), pols...)
	sort.Slice(pols, func(i, j int) bool {
		if pols[i].Namespace != pols[j].Namespace {
			return pols[i].Namespace < pols[j].Namespace
		}
		return pols[i].Name < pols[j].Name
	})
	for _, pol := range pols {
		r.policy(pol)
	}
	for _, t := range r.targets {
		if t.info.terminating {
			t.inRules, t.egRules = nil, nil
		}
	}
	r.st.policies = len(pols)
	r.st.pods = len(r.pods)

	var deny []string
	if reject {
		deny = []string{"meta l4proto tcp counter reject with tcp reset", "counter reject with icmp type admin-prohibited"}
	} else {
		deny = []string{"counter drop"}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "table ip %s\ndelete table ip %s\ntable ip %s {\n", table, table, table)
	for _, s := range r.sets {
		b.WriteString(s)
	}
	ips := make([]string, 0, len(r.targets))
	for ip := range r.targets {
		ips = append(ips, ip)
	}
	sort.Slice(ips, func(i, j int) bool { return ipLess(ips[i], ips[j]) })
	var inMap, egMap []string
	for _, ip := range ips {
		t := r.targets[ip]
		who := t.info.pod.Namespace + "/" + t.info.pod.Name
		if t.ingress {
			r.st.ingress++
			name := "in_" + chainSuffix(ip)
			inMap = append(inMap, ip+" : jump "+name)
			writeChain(&b, name, "ingress to "+who, append(append([]string{"ip saddr " + ip + " accept"}, t.inRules...), deny...))
		}
		if t.egress {
			r.st.egress++
			name := "eg_" + chainSuffix(ip)
			egMap = append(egMap, ip+" : jump "+name)
			writeChain(&b, name, "egress from "+who, append(append([]string{"ip daddr " + ip + " return"}, t.egRules...), deny...))
		}
	}
	writeMap(&b, "ingress_pods", inMap)
	writeMap(&b, "egress_pods", egMap)
	// After DNAT (kube-proxy) in both hooks: a Service is judged by the
	// endpoint it leads to. forward: pod to pod (bridged). input: pod to a
	// process on this node (CoreDNS, the apiserver).
	b.WriteString("\tchain forward_hook {\n" +
		"\t\ttype filter hook forward priority filter - 10; policy accept;\n" +
		"\t\tct state established,related accept\n" +
		"\t\tip saddr vmap @egress_pods\n" +
		"\t\tip daddr vmap @ingress_pods\n" +
		"\t}\n")
	b.WriteString("\tchain input_hook {\n" +
		"\t\ttype filter hook input priority filter - 10; policy accept;\n" +
		"\t\tct state established,related accept\n" +
		"\t\tip saddr vmap @egress_pods\n" +
		"\t}\n")
	b.WriteString("}\n")
	return b.String(), r.st
}

func (r *renderer) warn(format string, args ...any) {
	r.st.warnings = append(r.st.warnings, fmt.Sprintf(format, args...))
}

func (r *renderer) collectPods(pods []*corev1.Pod) {
	byIP := map[string]*podInfo{}
	for _, p := range pods {
		if p.Spec.HostNetwork || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
			continue
		}
		ip := podIPv4(p)
		if ip == "" {
			continue
		}
		// Two pods with one address: the older one is on its way out.
		if old, ok := byIP[ip]; ok && !old.pod.CreationTimestamp.Before(&p.CreationTimestamp) {
			continue
		}
		byIP[ip] = &podInfo{pod: p, ip: ip, local: r.node == "" || p.Spec.NodeName == r.node, terminating: p.DeletionTimestamp != nil}
	}
	for _, pi := range byIP {
		r.pods = append(r.pods, pi)
	}
	sort.Slice(r.pods, func(i, j int) bool { return ipLess(r.pods[i].ip, r.pods[j].ip) })
}

func podIPv4(p *corev1.Pod) string {
	cands := []string{p.Status.PodIP}
	for _, a := range p.Status.PodIPs {
		cands = append(cands, a.IP)
	}
	for _, c := range cands {
		if ip := net.ParseIP(c); ip != nil && ip.To4() != nil {
			return ip.To4().String()
		}
	}
	return ""
}

func (r *renderer) namespaceLabels(ns string) labels.Set {
	if l, ok := r.nsLabels[ns]; ok {
		return l
	}
	// Not in the cache yet: the label every namespace gets.
	return labels.Set{"kubernetes.io/metadata.name": ns}
}

func (r *renderer) policy(pol *networkingv1.NetworkPolicy) {
	id := pol.Namespace + "/" + pol.Name
	sel, err := metav1.LabelSelectorAsSelector(&pol.Spec.PodSelector)
	if err != nil {
		r.warn("%s: podSelector: %v (policy ignored)", id, err)
		return
	}
	ingress, egress := false, false
	for _, t := range pol.Spec.PolicyTypes {
		switch t {
		case networkingv1.PolicyTypeIngress:
			ingress = true
		case networkingv1.PolicyTypeEgress:
			egress = true
		}
	}
	if len(pol.Spec.PolicyTypes) == 0 { // the API defaults this; be safe anyway
		ingress, egress = true, len(pol.Spec.Egress) > 0
	}
	var selected []*target
	for _, pi := range r.pods {
		if !pi.local || pi.pod.Namespace != pol.Namespace || !sel.Matches(labels.Set(pi.pod.Labels)) {
			continue
		}
		t := r.targets[pi.ip]
		if t == nil {
			t = &target{info: pi}
			r.targets[pi.ip] = t
		}
		selected = append(selected, t)
	}
	if len(selected) == 0 {
		return
	}
	if ingress {
		for i, rule := range pol.Spec.Ingress {
			comment := fmt.Sprintf(" comment %q", fmt.Sprintf("%s ingress[%d]", id, i))
			peers := r.peerMatches(pol, "saddr", rule.From, fmt.Sprintf("%s ingress[%d]", id, i))
			for _, t := range selected {
				ports := portMatches(rule.Ports, t.info.pod)
				for _, pm := range peers {
					for _, po := range ports {
						t.inRules = append(t.inRules, join(pm, po, "accept")+comment)
					}
				}
			}
		}
		for _, t := range selected {
			t.ingress = true
		}
	}
	if egress {
		for i, rule := range pol.Spec.Egress {
			where := fmt.Sprintf("%s egress[%d]", id, i)
			comment := fmt.Sprintf(" comment %q", where)
			var numeric, named []networkingv1.NetworkPolicyPort
			for _, p := range rule.Ports {
				if p.Port != nil && p.Port.Type == intstr.String {
					named = append(named, p)
				} else {
					numeric = append(numeric, p)
				}
			}
			var lines []string
			if len(rule.Ports) == 0 || len(numeric) > 0 {
				peers := r.peerMatches(pol, "daddr", rule.To, where)
				for _, pm := range peers {
					for _, po := range portMatches(numeric, nil) {
						lines = append(lines, join(pm, po, "return")+comment)
					}
				}
			}
			// A named port is the destination pod's: list (pod IP, protocol,
			// port) for every pod the rule's peers reach that has it.
			if len(named) > 0 {
				var elems []string
				for _, pi := range r.egressPeerPods(pol, rule.To, where) {
					for _, np := range named {
						for _, port := range resolveNamed(np, pi.pod) {
							elems = append(elems, pi.ip+" . "+port.proto+" . "+strconv.Itoa(int(port.port)))
						}
					}
				}
				if len(elems) > 0 {
					set := r.set("ipv4_addr . inet_proto . inet_service", elems)
					lines = append(lines, "ip daddr . meta l4proto . th dport @"+set+" return"+comment)
				}
			}
			for _, t := range selected {
				t.egRules = append(t.egRules, lines...)
			}
		}
		for _, t := range selected {
			t.egress = true
		}
	}
}

// peerMatches gives one nft match per peer of a rule ("" = any address).
// dir is saddr (ingress) or daddr (egress).
func (r *renderer) peerMatches(pol *networkingv1.NetworkPolicy, dir string, peers []networkingv1.NetworkPolicyPeer, where string) []string {
	if len(peers) == 0 {
		return []string{""}
	}
	var out []string
	for j, peer := range peers {
		if peer.IPBlock != nil {
			m, ok := ipBlockMatch(dir, peer.IPBlock)
			if !ok {
				r.warn("%s peer %d: ipBlock %q is not IPv4 or not valid (matches nothing)", where, j, peer.IPBlock.CIDR)
				continue
			}
			out = append(out, m)
			continue
		}
		pods, ok := r.selectPods(pol.Namespace, peer, fmt.Sprintf("%s peer %d", where, j))
		if !ok {
			continue
		}
		ips := make([]string, 0, len(pods))
		for _, pi := range pods {
			ips = append(ips, pi.ip)
		}
		out = append(out, "ip "+dir+" @"+r.set("ipv4_addr", ips))
	}
	return out
}

// egressPeerPods lists the pods an egress rule's peers cover (every pod when
// the rule has no peers), for named ports.
func (r *renderer) egressPeerPods(pol *networkingv1.NetworkPolicy, peers []networkingv1.NetworkPolicyPeer, where string) []*podInfo {
	if len(peers) == 0 {
		var live []*podInfo
		for _, pi := range r.pods {
			if !pi.terminating {
				live = append(live, pi)
			}
		}
		return live
	}
	seen := map[string]bool{}
	var out []*podInfo
	add := func(pi *podInfo) {
		if !seen[pi.ip] {
			seen[pi.ip] = true
			out = append(out, pi)
		}
	}
	for j, peer := range peers {
		if peer.IPBlock != nil {
			for _, pi := range r.pods {
				if !pi.terminating && inIPBlock(pi.ip, peer.IPBlock) {
					add(pi)
				}
			}
			continue
		}
		pods, _ := r.selectPods(pol.Namespace, peer, fmt.Sprintf("%s peer %d", where, j))
		for _, pi := range pods {
			add(pi)
		}
	}
	return out
}

// selectPods: the pods a podSelector/namespaceSelector peer stands for.
func (r *renderer) selectPods(polNS string, peer networkingv1.NetworkPolicyPeer, where string) ([]*podInfo, bool) {
	podSel := labels.Everything()
	if peer.PodSelector != nil {
		s, err := metav1.LabelSelectorAsSelector(peer.PodSelector)
		if err != nil {
			r.warn("%s: podSelector: %v (matches nothing)", where, err)
			return nil, false
		}
		podSel = s
	}
	nsOK := func(ns string) bool { return ns == polNS }
	if peer.NamespaceSelector != nil {
		s, err := metav1.LabelSelectorAsSelector(peer.NamespaceSelector)
		if err != nil {
			r.warn("%s: namespaceSelector: %v (matches nothing)", where, err)
			return nil, false
		}
		nsOK = func(ns string) bool { return s.Matches(r.namespaceLabels(ns)) }
	}
	var out []*podInfo
	for _, pi := range r.pods {
		if !pi.terminating && nsOK(pi.pod.Namespace) && podSel.Matches(labels.Set(pi.pod.Labels)) {
			out = append(out, pi)
		}
	}
	return out, true
}

// set declares (once per distinct content) a named set and returns its name.
func (r *renderer) set(typ string, elems []string) string {
	elems = append([]string(nil), elems...)
	sort.Strings(elems)
	uniq := elems[:0]
	for i, e := range elems {
		if i == 0 || e != elems[i-1] {
			uniq = append(uniq, e)
		}
	}
	key := typ + "|" + strings.Join(uniq, ",")
	if name, ok := r.setNames[key]; ok {
		return name
	}
	prefix := "ips_"
	if strings.Contains(typ, ".") {
		prefix = "ports_"
	}
	name := prefix + strconv.Itoa(len(r.sets))
	r.setNames[key] = name
	var b strings.Builder
	fmt.Fprintf(&b, "\tset %s {\n\t\ttype %s\n", name, typ)
	if len(uniq) > 0 {
		fmt.Fprintf(&b, "\t\telements = { %s }\n", strings.Join(uniq, ", "))
	}
	b.WriteString("\t}\n")
	r.sets = append(r.sets, b.String())
	return name
}

func ipBlockMatch(dir string, blk *networkingv1.IPBlock) (string, bool) {
	_, cidr, err := net.ParseCIDR(blk.CIDR)
	if err != nil || cidr.IP.To4() == nil {
		return "", false
	}
	m := "ip " + dir + " " + cidr.String()
	var except []string
	for _, e := range blk.Except {
		if _, ex, err := net.ParseCIDR(e); err == nil && ex.IP.To4() != nil {
			except = append(except, ex.String())
		}
	}
	if len(except) > 0 {
		m += " ip " + dir + " != { " + strings.Join(except, ", ") + " }"
	}
	return m, true
}

func inIPBlock(ip string, blk *networkingv1.IPBlock) bool {
	addr := net.ParseIP(ip)
	_, cidr, err := net.ParseCIDR(blk.CIDR)
	if err != nil || addr == nil || !cidr.Contains(addr) {
		return false
	}
	for _, e := range blk.Except {
		if _, ex, err := net.ParseCIDR(e); err == nil && ex.Contains(addr) {
			return false
		}
	}
	return true
}

type protoPort struct {
	proto string
	port  int32
}

func protocol(p networkingv1.NetworkPolicyPort) string {
	if p.Protocol == nil {
		return "tcp"
	}
	return strings.ToLower(string(*p.Protocol))
}

// portMatches gives one nft match per port entry ("" = any port). Named
// ports are resolved against pod (the ingress target); with pod nil they
// are skipped (egress handles them apart).
func portMatches(ports []networkingv1.NetworkPolicyPort, pod *corev1.Pod) []string {
	if len(ports) == 0 {
		return []string{""}
	}
	var out []string
	for _, p := range ports {
		proto := protocol(p)
		switch {
		case p.Port == nil:
			out = append(out, "meta l4proto "+proto)
		case p.Port.Type == intstr.Int:
			m := fmt.Sprintf("meta l4proto %s th dport %d", proto, p.Port.IntVal)
			if p.EndPort != nil && *p.EndPort > p.Port.IntVal {
				m += fmt.Sprintf("-%d", *p.EndPort)
			}
			out = append(out, m)
		case pod != nil:
			for _, pp := range resolveNamed(p, pod) {
				out = append(out, fmt.Sprintf("meta l4proto %s th dport %d", pp.proto, pp.port))
			}
		}
	}
	return out
}

// resolveNamed finds a named policy port among a pod's container ports.
func resolveNamed(p networkingv1.NetworkPolicyPort, pod *corev1.Pod) []protoPort {
	proto := protocol(p)
	var out []protoPort
	scan := func(cs []corev1.Container) {
		for _, c := range cs {
			for _, cp := range c.Ports {
				cpProto := strings.ToLower(string(cp.Protocol))
				if cpProto == "" {
					cpProto = "tcp"
				}
				if cp.Name == p.Port.StrVal && cpProto == proto {
					out = append(out, protoPort{proto, cp.ContainerPort})
				}
			}
		}
	}
	scan(pod.Spec.Containers)
	scan(pod.Spec.InitContainers) // sidecars (restartPolicy Always) serve ports too
	return out
}

func join(parts ...string) string {
	var nonEmpty []string
	for _, p := range parts {
		if p != "" {
			nonEmpty = append(nonEmpty, p)
		}
	}
	return strings.Join(nonEmpty, " ")
}

func writeChain(b *strings.Builder, name, comment string, rules []string) {
	fmt.Fprintf(b, "\tchain %s {\n\t\tcomment %q\n", name, comment)
	for _, r := range rules {
		fmt.Fprintf(b, "\t\t%s\n", r)
	}
	b.WriteString("\t}\n")
}

func writeMap(b *strings.Builder, name string, elems []string) {
	fmt.Fprintf(b, "\tmap %s {\n\t\ttype ipv4_addr : verdict\n", name)
	if len(elems) > 0 {
		fmt.Fprintf(b, "\t\telements = { %s }\n", strings.Join(elems, ", "))
	}
	b.WriteString("\t}\n")
}

func chainSuffix(ip string) string { return strings.ReplaceAll(ip, ".", "_") }

func ipLess(a, b string) bool {
	x, y := net.ParseIP(a).To4(), net.ParseIP(b).To4()
	if x == nil || y == nil {
		return a < b
	}
	return string(x) < string(y)
}
